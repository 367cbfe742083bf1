package dev.sessionkit.boot.cleanup;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cleanup lock on H2 in memory. */
class SessionCleanupLockH2Tests extends JdbcSessionCleanupLockTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return database;
  }
}
