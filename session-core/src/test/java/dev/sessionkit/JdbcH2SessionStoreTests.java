package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session store contract on H2 (in memory). */
class JdbcH2SessionStoreTests extends JdbcSessionStoreContractTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return database;
  }
}
