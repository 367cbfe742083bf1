package dev.sessionkit;

import dev.sessionkit.testing.TestDatabase;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on cached-db over H2 (in memory) with copies in Caffeine. */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class CachedDbH2CaffeineSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.cachedDbCaffeine(TestDatabase.h2());
  }
}
