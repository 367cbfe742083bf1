package dev.sessionkit.boot.web;

import java.util.Map;

/**
 * The session filter with the encrypted-cookies backend: the session lives in the cookie. The
 * suite's exclusions are listed in {@link AbstractCookieSessionFilterWebTests}.
 */
class EncryptedCookieSessionFilterWebTests extends AbstractCookieSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "encrypted-cookies",
        "sessionkit.cookie-store.secret",
        "encrypted-cookie-web-test-secret-0123456789");
  }

  @Override
  String backendName() {
    return "encrypted-cookies";
  }
}
