package dev.sessionkit.boot.web;

import java.util.Map;

/**
 * The session filter with the signed-cookies backend: the session lives in the cookie. The suite's
 * exclusions are listed in {@link AbstractCookieSessionFilterWebTests}.
 */
class SignedCookieSessionFilterWebTests extends AbstractCookieSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "signed-cookies",
        "sessionkit.cookie-store.secret",
        "signed-cookie-web-test-secret-0123456789");
  }

  @Override
  String backendName() {
    return "signed-cookies";
  }
}
