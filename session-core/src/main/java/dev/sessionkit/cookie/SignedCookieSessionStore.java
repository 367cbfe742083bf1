package dev.sessionkit.cookie;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * Keeps the session in the cookie itself, signed as Django's {@code signed_cookies} backend does:
 *
 * <pre>{@code
 * SessionStore store = new SignedCookieSessionStore(secret, List.of(previousSecret), settings);
 * }</pre>
 *
 * <p>The cookie holds the session's expiry and data (JSON), zlib-compressed when that is smaller,
 * in URL-safe base64, a timestamp, and an HMAC-SHA256 signature with a key derived from the secret.
 * <b>The client can read the data</b> (it is only encoded) but cannot change it: the signature is
 * checked in constant time, and the expiry inside the signed part is checked against the settings'
 * clock. Keep nothing in the session that the visitor must not see, or use {@link
 * EncryptedCookieSessionStore}.
 *
 * <p>As Django's {@code signed_cookies}: nothing is kept on the server, so {@link #exists} is
 * always false, {@link #delete} does nothing and {@link #clearExpired()} returns 0; a cookie that
 * was copied stays valid until its session expires (logging out forgets it in that browser only). A
 * cookie value that was tampered with, truncated, written with another secret, expired or is
 * garbage opens an empty session and logs a warning that never shows the value. A save whose
 * cookie, {@code name=value}, would be over 4,093 bytes throws {@link
 * dev.sessionkit.SessionTooLargeException} naming the size and the limit, and writes nothing; the
 * name counted is {@value #DEFAULT_COOKIE_NAME} unless another is given.
 *
 * <p>Secrets are at least 32 bytes (256 bits) of random data; a {@code String} secret counts its
 * UTF-8 bytes. The fallback secrets are only read with, so a secret is rotated by making the new
 * one current and the old one a fallback until the cookies it wrote have expired. No secret is
 * shown by {@link #toString()} or in an exception.
 */
public final class SignedCookieSessionStore extends StorageSessionStore {

  /** The cookie name counted towards the size limit unless another is given. */
  public static final String DEFAULT_COOKIE_NAME = "sessionid";

  /**
   * A store writing with {@code secret}, with the default settings.
   *
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public SignedCookieSessionStore(String secret) {
    this(secret, List.of(), SessionSettings.defaults());
  }

  /**
   * A store writing with {@code secret} and also reading cookies written with any of {@code
   * fallbackSecrets}, following {@code settings}.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes
   */
  public SignedCookieSessionStore(
      String secret, List<String> fallbackSecrets, SessionSettings settings) {
    this(secret, fallbackSecrets, settings, DEFAULT_COOKIE_NAME);
  }

  /**
   * A store as {@link #SignedCookieSessionStore(String, List, SessionSettings)} whose cookie is
   * named {@code cookieName}, counted towards the size limit.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes or the name is blank
   */
  public SignedCookieSessionStore(
      String secret, List<String> fallbackSecrets, SessionSettings settings, String cookieName) {
    this(CookieSecrets.of(secret, fallbackSecrets), settings, cookieName);
  }

  /**
   * A store as {@link #SignedCookieSessionStore(String, List, SessionSettings)}, with secrets given
   * as bytes, whose cookie is named {@code cookieName}, counted towards the size limit.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes or the name is blank
   */
  public SignedCookieSessionStore(
      byte[] secret, List<byte[]> fallbackSecrets, SessionSettings settings, String cookieName) {
    this(CookieSecrets.of(secret, fallbackSecrets), settings, cookieName);
  }

  private SignedCookieSessionStore(
      CookieSecrets secrets, SessionSettings settings, String cookieName) {
    super(
        new CookieSessionStorage(new SignedCookieFormat(secrets), settings.clock(), cookieName),
        settings);
  }
}
