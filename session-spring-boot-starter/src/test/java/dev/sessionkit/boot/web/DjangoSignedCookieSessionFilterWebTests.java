package dev.sessionkit.boot.web;

import java.util.Map;

/**
 * The session filter with the signed-cookies backend in Django's format ({@code
 * sessionkit.cookie-store.format=django}): the session lives in a cookie Django can read. The
 * suite's exclusions are listed in {@link AbstractCookieSessionFilterWebTests}.
 */
class DjangoSignedCookieSessionFilterWebTests extends AbstractCookieSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "signed-cookies",
        "sessionkit.cookie-store.format",
        "django",
        "sessionkit.cookie-store.secret",
        "django-insecure-web-test-secret-key-0123456789");
  }

  @Override
  String backendName() {
    return "django-signed-cookies";
  }
}
