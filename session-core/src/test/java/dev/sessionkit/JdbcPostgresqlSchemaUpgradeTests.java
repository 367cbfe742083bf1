package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upgrade of a session table of the last release, on Postgresql. */
class JdbcPostgresqlSchemaUpgradeTests implements JdbcSchemaUpgradeContract {

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

  @Override
  public TestDatabase database() {
    return database;
  }

  @Override
  public String platform() {
    return "postgresql";
  }
}
