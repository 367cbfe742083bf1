package dev.sessionkit;

import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the cache backend over an in-process Caffeine cache. */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class CaffeineCacheSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.caffeine();
  }
}
