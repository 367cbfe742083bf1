package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upgrade of a session table of the last release, on Mariadb. */
class JdbcMariadbSchemaUpgradeTests implements JdbcSchemaUpgradeContract {

  @RegisterExtension static final TestDatabase database = TestDatabase.mariadb();

  @Override
  public TestDatabase database() {
    return database;
  }

  @Override
  public String platform() {
    return "mariadb";
  }
}
