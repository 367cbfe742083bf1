package dev.sessionkit.boot.cleanup;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cleanup lock on PostgreSQL at 127.0.0.1:5432. */
class SessionCleanupLockPostgresqlTests extends JdbcSessionCleanupLockTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return database;
  }
}
