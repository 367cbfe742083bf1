package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on cached-db over PostgreSQL with copies in Redis at 127.0.0.1:6379. */
@PropertyDefaults(tries = SessionStoreFuzzTests.SERVER_TRIES)
class CachedDbPostgresqlRedisSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.cachedDbRedis(TestDatabase.postgresql());
  }
}
