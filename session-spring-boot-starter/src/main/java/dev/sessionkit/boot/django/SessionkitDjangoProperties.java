package dev.sessionkit.boot.django;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sessionkit.django.*} properties of the Django backend: the Django application's {@code
 * SECRET_KEY} and {@code SECRET_KEY_FALLBACKS}, taken from the environment or a secret store, never
 * from a file in the repository:
 *
 * <pre>{@code
 * sessionkit:
 *   backend: django
 *   django:
 *     secret-key: ${DJANGO_SECRET_KEY}
 * }</pre>
 *
 * <p>{@link #toString()} never shows a key.
 */
@ConfigurationProperties("sessionkit.django")
public class SessionkitDjangoProperties {

  /**
   * The Django application's SECRET_KEY, which signs the session data both applications share;
   * required by the django backend. Never logged.
   */
  private @Nullable String secretKey;

  /**
   * The Django application's SECRET_KEY_FALLBACKS: older secret keys, still accepted when reading
   * session data (never used to sign it). A single value is split at its commas: give a key that
   * contains a comma as one list item (fallback-secret-keys[0]).
   */
  private List<String> fallbackSecretKeys = new ArrayList<>();

  public @Nullable String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(@Nullable String secretKey) {
    this.secretKey = secretKey;
  }

  public List<String> getFallbackSecretKeys() {
    return fallbackSecretKeys;
  }

  public void setFallbackSecretKeys(List<String> fallbackSecretKeys) {
    this.fallbackSecretKeys = fallbackSecretKeys;
  }

  @Override
  public String toString() {
    return "SessionkitDjangoProperties[secretKey="
        + (secretKey == null ? "(unset)" : "(hidden)")
        + ", fallbackSecretKeys="
        + fallbackSecretKeys.size()
        + " (hidden)]";
  }
}
