package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upgrade of a session table of the last release, on H2. */
class JdbcH2SchemaUpgradeTests implements JdbcSchemaUpgradeContract {

  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  public TestDatabase database() {
    return database;
  }

  @Override
  public String platform() {
    return "h2";
  }
}
