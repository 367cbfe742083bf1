package dev.sessionkit.boot.cleanup;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cleanup lock on MariaDB at 127.0.0.1:3306. */
class SessionCleanupLockMariadbTests extends JdbcSessionCleanupLockTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return database;
  }
}
