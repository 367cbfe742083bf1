package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the db backend on MariaDB at 127.0.0.1:3306. */
@PropertyDefaults(tries = SessionStoreFuzzTests.SERVER_TRIES)
class JdbcMariadbSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.jdbc(TestDatabase.mariadb());
  }
}
