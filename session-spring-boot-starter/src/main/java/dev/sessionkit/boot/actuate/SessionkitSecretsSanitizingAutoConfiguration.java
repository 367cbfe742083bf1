package dev.sessionkit.boot.actuate;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks sessionkit's secrets ({@code sessionkit.cookie-store.secret} and {@code fallback-secrets},
 * {@code sessionkit.django.secret-key} and {@code fallback-secret-keys}) in Actuator's {@code env}
 * and {@code configprops} endpoints, even where an application shows their values ({@code
 * management.endpoint.env.show-values=always}): whoever can read those endpoints must still not be
 * able to forge session cookies.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SessionkitSecretsSanitizingAutoConfiguration {

  /**
   * The secrets' names with case, separators and list indexes removed, so that every form Boot
   * binds matches: {@code sessionkit.cookie-store.fallback-secrets[0]} in a properties file, {@code
   * SESSIONKIT_COOKIESTORE_FALLBACKSECRETS_0_} in the environment, {@code
   * sessionkit.cookie-store.fallbackSecrets[0]} in the configprops report.
   */
  private static final List<String> SECRET_NAMES =
      List.of(
          "sessionkitcookiestoresecret",
          "sessionkitcookiestorefallbacksecrets",
          "sessionkitdjangosecretkey",
          "sessionkitdjangofallbacksecretkeys");

  @Bean
  SanitizingFunction sessionkitSecretsSanitizingFunction() {
    return SanitizingFunction.sanitizeValue()
        .ifKeyMatches(SessionkitSecretsSanitizingAutoConfiguration::isSecret);
  }

  /** Whether {@code key}, in any of the forms Boot binds, names one of sessionkit's secrets. */
  static boolean isSecret(String key) {
    String name = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return SECRET_NAMES.stream().anyMatch(name::equals);
  }
}
