package dev.sessionkit;

import dev.sessionkit.cookie.SignedCookieSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * The session store contract on {@link SignedCookieSessionStore}; the exclusions are listed in
 * {@link CookieSessionStoreContractTests}.
 */
class SignedCookieSessionStoreContractTests extends CookieSessionStoreContractTests {

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new SignedCookieSessionStore(
        "signed-cookie-contract-secret-0123456789", List.of(), settings);
  }
}
