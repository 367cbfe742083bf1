package dev.sessionkit.cookie;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * Keeps the session in the cookie itself, encrypted with AES-256-GCM (authenticated encryption, as
 * Rails' default cookie store):
 *
 * <pre>{@code
 * SessionStore store = new EncryptedCookieSessionStore(secret, List.of(previousSecret), settings);
 * }</pre>
 *
 * <p>The cookie is URL-safe base64 of a format version byte, a random 96-bit nonce fresh at every
 * write, and the ciphertext with its tag; the key is derived from the secret with HKDF-SHA256 (a
 * key of its own, never the one {@link SignedCookieSessionStore} signs with). The client can
 * neither read nor change the data; the expiry inside is checked against the settings' clock.
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
public final class EncryptedCookieSessionStore extends StorageSessionStore {

  /** The cookie name counted towards the size limit unless another is given. */
  public static final String DEFAULT_COOKIE_NAME = "sessionid";

  /**
   * A store writing with {@code secret}, with the default settings.
   *
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public EncryptedCookieSessionStore(String secret) {
    this(secret, List.of(), SessionSettings.defaults());
  }

  /**
   * A store writing with {@code secret} and also reading cookies written with any of {@code
   * fallbackSecrets}, following {@code settings}.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes
   */
  public EncryptedCookieSessionStore(
      String secret, List<String> fallbackSecrets, SessionSettings settings) {
    this(secret, fallbackSecrets, settings, DEFAULT_COOKIE_NAME);
  }

  /**
   * A store as {@link #EncryptedCookieSessionStore(String, List, SessionSettings)} whose cookie is
   * named {@code cookieName}, counted towards the size limit.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes or the name is blank
   */
  public EncryptedCookieSessionStore(
      String secret, List<String> fallbackSecrets, SessionSettings settings, String cookieName) {
    this(CookieSecrets.of(secret, fallbackSecrets), settings, cookieName);
  }

  /**
   * A store as {@link #EncryptedCookieSessionStore(String, List, SessionSettings)}, with secrets
   * given as bytes, whose cookie is named {@code cookieName}, counted towards the size limit.
   *
   * @throws IllegalArgumentException when a secret is shorter than 32 bytes or the name is blank
   */
  public EncryptedCookieSessionStore(
      byte[] secret, List<byte[]> fallbackSecrets, SessionSettings settings, String cookieName) {
    this(CookieSecrets.of(secret, fallbackSecrets), settings, cookieName);
  }

  private EncryptedCookieSessionStore(
      CookieSecrets secrets, SessionSettings settings, String cookieName) {
    super(
        new CookieSessionStorage(new EncryptedCookieFormat(secrets), settings.clock(), cookieName),
        settings);
  }
}
