package dev.sessionkit.boot.cleanup;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.boot.SessionkitProperties.InitializeSchema;
import dev.sessionkit.boot.jdbc.JdbcSessionSchemaInitializer;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.testing.TestDatabase;

/** The cleanup lock of the database backends: a ShedLock row in the table beside the sessions. */
abstract class JdbcSessionCleanupLockTests extends SessionCleanupLockContractTests {

  abstract TestDatabase database();

  @Override
  StorageSessionStore newStore(SessionSettings settings) {
    new JdbcSessionSchemaInitializer(
            database().dataSource(), TestDatabase.TABLE, InitializeSchema.ALWAYS)
        .initialize();
    database().jdbc().update("DELETE FROM " + SessionCleanupLock.lockTableName(TestDatabase.TABLE));
    return new JdbcSessionStore(database().dataSource(), settings);
  }

  @Override
  SessionCleanupLock newLock() {
    return SessionCleanupLock.jdbc(database().dataSource(), TestDatabase.TABLE);
  }

  @Override
  void breakTheLock() {
    database().jdbc().update("DROP TABLE " + SessionCleanupLock.lockTableName(TestDatabase.TABLE));
  }
}
