package dev.sessionkit.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.cookie.SessionkitCookieStoreAutoConfiguration;
import dev.sessionkit.boot.django.SessionkitDjangoAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * sessionkit's secrets stay masked in Actuator's {@code env} and {@code configprops} endpoints even
 * when the application shows every other value there.
 */
class SessionkitSecretsSanitizingTests {

  private static final String SECRET = "the-current-cookie-secret-0123456789abcdef";
  private static final String FALLBACK = "the-previous-cookie-secret-0123456789abcdef";
  private static final String DJANGO_KEY = "django-insecure-secret-key-0123456789abcdef";
  private static final String DJANGO_FALLBACK = "django-insecure-older-key-0123456789abcdef";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class,
                  SessionkitCookieStoreAutoConfiguration.class,
                  SessionkitDjangoAutoConfiguration.class,
                  SessionkitSecretsSanitizingAutoConfiguration.class,
                  EndpointAutoConfiguration.class,
                  EnvironmentEndpointAutoConfiguration.class,
                  ConfigurationPropertiesReportEndpointAutoConfiguration.class))
          .withPropertyValues(
              "management.endpoint.env.show-values=always",
              "management.endpoint.configprops.show-values=always",
              "management.endpoints.web.exposure.include=env,configprops",
              "sessionkit.backend=encrypted-cookies",
              "sessionkit.cookie-store.secret=" + SECRET,
              "sessionkit.cookie-store.fallback-secrets[0]=" + FALLBACK,
              "sessionkit.django.secret-key=" + DJANGO_KEY,
              "sessionkit.django.fallback-secret-keys=" + DJANGO_FALLBACK);

  @Test
  void environmentEndpointMasksTheSecretsAndShowsTheOtherValues() {
    runner.run(
        context -> {
          String env =
              JsonMapper.shared()
                  .writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

          assertThat(env).contains("encrypted-cookies");
          assertThat(env)
              .doesNotContain(SECRET)
              .doesNotContain(FALLBACK)
              .doesNotContain(DJANGO_KEY)
              .doesNotContain(DJANGO_FALLBACK);
        });
  }

  @Test
  void configurationPropertiesEndpointMasksTheSecretsAndShowsTheOtherValues() {
    runner.run(
        context -> {
          String report =
              JsonMapper.shared()
                  .writeValueAsString(
                      context
                          .getBean(ConfigurationPropertiesReportEndpoint.class)
                          .configurationPropertiesWithPrefix("sessionkit"));

          assertThat(report).contains("encrypted-cookies");
          assertThat(report)
              .doesNotContain(SECRET)
              .doesNotContain(FALLBACK)
              .doesNotContain(DJANGO_KEY)
              .doesNotContain(DJANGO_FALLBACK);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sessionkit.cookie-store.secret",
        "sessionkit.cookie-store.fallback-secrets[1]",
        "sessionkit.cookie-store.fallbackSecrets",
        "SESSIONKIT_COOKIESTORE_SECRET",
        "SESSIONKIT_COOKIESTORE_FALLBACKSECRETS_0_",
        "sessionkit.django.secret-key",
        "SESSIONKIT_DJANGO_FALLBACKSECRETKEYS"
      })
  void everyFormOfASecretsNameIsMasked(String key) {
    assertThat(SessionkitSecretsSanitizingAutoConfiguration.isSecret(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sessionkit.backend", "sessionkit.cookie-store.format", "secret"})
  void otherNamesAreNot(String key) {
    assertThat(SessionkitSecretsSanitizingAutoConfiguration.isSecret(key)).isFalse();
  }
}
