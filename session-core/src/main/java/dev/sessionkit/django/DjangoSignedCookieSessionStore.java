package dev.sessionkit.django;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * Keeps the session in the cookie itself, in the format of Django's {@code
 * django.contrib.sessions.backends.signed_cookies}, so that a Spring application and a Django
 * application on the same site, with the same {@code SECRET_KEY}, read each other's session
 * cookies:
 *
 * <pre>{@code
 * SessionStore store = new DjangoSignedCookieSessionStore(djangoSecretKey, List.of(), settings);
 * }</pre>
 *
 * <p>The cookie value is Django's {@code signing.dumps(session, compress=True, salt=...)} with the
 * salt {@value #COOKIE_SALT}: the data as Django's JSON, compressed when shorter, URL-safe base64,
 * the signing time and an HMAC-SHA256 signature keyed from the salt and the secret key (see {@link
 * DjangoSessionCodec}). <b>The visitor can read the data</b> but not change it. Verified with the
 * secret key, then each fallback secret key; signed with the secret key.
 *
 * <p>As Django: a cookie is accepted for at most the settings' maximum age (Django's {@code
 * SESSION_COOKIE_AGE}) after it was signed (and, stricter than Django, not after an earlier expiry
 * the session set for itself); nothing is kept on the server, so {@link #exists} is always false,
 * {@link #delete} does nothing and {@link #clearExpired()} returns 0; a copied cookie stays valid
 * until then. A tampered, foreign, expired or garbled cookie opens an empty session with a warning
 * that never shows the value. A save whose cookie, {@code name=value}, would be over 4,093 bytes
 * throws {@link dev.sessionkit.SessionTooLargeException} and writes nothing.
 */
public final class DjangoSignedCookieSessionStore extends StorageSessionStore {

  /** The salt of Django's signed-cookie session backend. */
  public static final String COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies";

  /** The cookie name counted towards the size limit unless another is given: Django's. */
  public static final String DEFAULT_COOKIE_NAME = "sessionid";

  /**
   * A store for Django's {@code SECRET_KEY} and {@code SECRET_KEY_FALLBACKS}, following {@code
   * settings}, whose codec is replaced by Django's.
   *
   * @throws IllegalArgumentException when the secret key is empty
   */
  public DjangoSignedCookieSessionStore(
      String secretKey, List<String> fallbackSecretKeys, SessionSettings settings) {
    this(secretKey, fallbackSecretKeys, settings, DEFAULT_COOKIE_NAME);
  }

  /**
   * As {@link #DjangoSignedCookieSessionStore(String, List, SessionSettings)}, with the cookie
   * named {@code cookieName}, counted towards the size limit.
   *
   * @throws IllegalArgumentException when the secret key is empty or the name blank
   */
  public DjangoSignedCookieSessionStore(
      String secretKey,
      List<String> fallbackSecretKeys,
      SessionSettings settings,
      String cookieName) {
    this(
        new DjangoSessionCodec(COOKIE_SALT, secretKey, fallbackSecretKeys, settings.clock()),
        settings,
        cookieName);
  }

  private DjangoSignedCookieSessionStore(
      DjangoSessionCodec codec, SessionSettings settings, String cookieName) {
    super(
        new DjangoSignedCookieStorage(codec, settings.maxAge(), settings.clock(), cookieName),
        settings.toBuilder().codec(codec).build());
  }
}
