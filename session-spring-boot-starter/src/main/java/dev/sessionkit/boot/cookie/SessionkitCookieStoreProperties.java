package dev.sessionkit.boot.cookie;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sessionkit.cookie-store.*} properties of the cookie backends: the secret the cookies
 * are signed or encrypted with, and the previous secrets still accepted while they are rotated out.
 * There is no default secret; take it from the environment or a secret store, never from a file in
 * the repository:
 *
 * <pre>{@code
 * sessionkit:
 *   backend: encrypted-cookies
 *   cookie-store:
 *     secret: ${SESSION_SECRET}
 *     fallback-secrets: ${PREVIOUS_SESSION_SECRET}
 * }</pre>
 *
 * <p>{@link #toString()} never shows a secret.
 */
@ConfigurationProperties("sessionkit.cookie-store")
public class SessionkitCookieStoreProperties {

  /**
   * Secret the session cookies are signed or encrypted with: at least 32 bytes of random data,
   * required by the cookie backends. Never logged.
   */
  private @Nullable String secret;

  /**
   * Previous secrets, still accepted when reading cookies (never used to write them), so that a
   * secret can be rotated without logging everyone out. A single value is split at its commas: give
   * a secret that contains a comma as one list item (fallback-secrets[0]).
   */
  private List<String> fallbackSecrets = new ArrayList<>();

  /**
   * Format of the signed-cookies backend's cookies: 'sessionkit', or 'django' to share them with a
   * Django application's signed_cookies backend (the secret is then Django's SECRET_KEY and the
   * fallback secrets its SECRET_KEY_FALLBACKS).
   */
  private Format format = Format.SESSIONKIT;

  public @Nullable String getSecret() {
    return secret;
  }

  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  public Format getFormat() {
    return format;
  }

  public void setFormat(Format format) {
    this.format = format;
  }

  public List<String> getFallbackSecrets() {
    return fallbackSecrets;
  }

  public void setFallbackSecrets(List<String> fallbackSecrets) {
    this.fallbackSecrets = fallbackSecrets;
  }

  @Override
  public String toString() {
    return "SessionkitCookieStoreProperties[secret="
        + (secret == null ? "(unset)" : "(hidden)")
        + ", fallbackSecrets="
        + fallbackSecrets.size()
        + " (hidden)]";
  }

  /** How the session cookies are written. */
  public enum Format {

    /** sessionkit's own format. */
    SESSIONKIT,

    /** Django's signed_cookies format, readable and writable by a Django application. */
    DJANGO
  }
}
