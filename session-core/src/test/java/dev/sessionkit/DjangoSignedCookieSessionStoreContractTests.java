package dev.sessionkit;

import dev.sessionkit.django.DjangoSignedCookieSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * The session store contract on {@link DjangoSignedCookieSessionStore}; the exclusions are listed
 * in {@link CookieSessionStoreContractTests}.
 */
class DjangoSignedCookieSessionStoreContractTests extends CookieSessionStoreContractTests {

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new DjangoSignedCookieSessionStore(
        "django-signed-cookie-contract-secret-key-0123456789", List.of(), settings);
  }
}
