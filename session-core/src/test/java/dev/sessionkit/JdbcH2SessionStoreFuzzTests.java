package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the db backend on H2 (in memory). */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class JdbcH2SessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.jdbc(TestDatabase.h2());
  }
}
