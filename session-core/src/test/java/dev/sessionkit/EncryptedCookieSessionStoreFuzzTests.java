package dev.sessionkit;

import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the encrypted cookie backend. */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class EncryptedCookieSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.cookies(true);
  }
}
