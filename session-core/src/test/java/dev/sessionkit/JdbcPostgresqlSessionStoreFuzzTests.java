package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the db backend on PostgreSQL at 127.0.0.1:5432. */
@PropertyDefaults(tries = SessionStoreFuzzTests.SERVER_TRIES)
class JdbcPostgresqlSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.jdbc(TestDatabase.postgresql());
  }
}
