package dev.sessionkit;

import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the file backend. */
@PropertyDefaults(tries = SessionStoreFuzzTests.TRIES)
class FileSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.file();
  }
}
