package dev.sessionkit;

import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the signed cookie backend. */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class SignedCookieSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.cookies(false);
  }
}
