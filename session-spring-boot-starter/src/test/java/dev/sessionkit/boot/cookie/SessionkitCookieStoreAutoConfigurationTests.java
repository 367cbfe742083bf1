package dev.sessionkit.boot.cookie;

import static dev.sessionkit.boot.testing.FailureAnalyses.analysisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cookie.EncryptedCookieSessionStore;
import dev.sessionkit.cookie.SignedCookieSessionStore;
import dev.sessionkit.django.DjangoSignedCookieSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.Lifecycle;

/**
 * When {@code sessionkit.backend=signed-cookies} or {@code encrypted-cookies} wires a cookie store,
 * and when a missing or short secret stops the startup, never showing a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitCookieStoreAutoConfigurationTests {

  private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123";
  private static final String OLD_SECRET = "the-previous-secret-of-thirty-two-bytes-or-more";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitCookieStoreAutoConfiguration.class));

  // ---- chosen, with a secret -----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"signed-cookies", "encrypted-cookies"})
  void cookieBackendWithASecretUsesTheCookieStoreAndTheSessionSettings(String backend) {
    runner
        .withPropertyValues(
            "sessionkit.backend=" + backend,
            "sessionkit.cookie-store.secret=" + SECRET,
            "sessionkit.max-age=8h")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              StorageSessionStore store = context.getBean(StorageSessionStore.class);
              assertThat(store)
                  .isInstanceOf(
                      backend.equals("signed-cookies")
                          ? SignedCookieSessionStore.class
                          : EncryptedCookieSessionStore.class);
              assertThat(store.backend()).isEqualTo(backend);
              assertThat(store.settings()).isSameAs(context.getBean(SessionSettings.class));
              assertThat(store.settings().maxAge()).isEqualTo(Duration.ofHours(8));
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"signed-cookies", "encrypted-cookies"})
  void fallbackSecretsReadCookiesWrittenWithTheOldSecret(String backend) {
    String[] oldCookie = new String[1];
    runner
        .withPropertyValues(
            "sessionkit.backend=" + backend, "sessionkit.cookie-store.secret=" + OLD_SECRET)
        .run(context -> oldCookie[0] = saved(context.getBean(SessionStore.class)));

    runner
        .withPropertyValues(
            "sessionkit.backend=" + backend,
            "sessionkit.cookie-store.secret=" + SECRET,
            "sessionkit.cookie-store.fallback-secrets=" + OLD_SECRET)
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class).open(oldCookie[0]).get("a"))
                    .isEqualTo(1));
  }

  @Test
  void sizeLimitCountsTheConfiguredCookieName() {
    // an encrypted cookie is not compressed: about 4,000 characters for 2,900 of data
    String text = "z".repeat(2_900);
    runner
        .withPropertyValues(
            "sessionkit.backend=encrypted-cookies", "sessionkit.cookie-store.secret=" + SECRET)
        .run(context -> assertThat(saved(context.getBean(SessionStore.class), text)).isNotNull());
    runner
        .withPropertyValues(
            "sessionkit.backend=encrypted-cookies",
            "sessionkit.cookie-store.secret=" + SECRET,
            "sessionkit.cookie.name=" + "n".repeat(200))
        .run(
            context ->
                assertThatThrownBy(() -> saved(context.getBean(SessionStore.class), text))
                    .isInstanceOf(SessionTooLargeException.class)
                    .hasMessageContaining("'" + "n".repeat(200) + "'"));
  }

  @Test
  void cookieBackendsNeedNoCleanup() {
    runner
        .withPropertyValues(
            "sessionkit.backend=encrypted-cookies", "sessionkit.cookie-store.secret=" + SECRET)
        .run(
            context ->
                assertThat(context.getBean("sessionkitCleanup", Lifecycle.class).isRunning())
                    .isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {"signed-cookies", "encrypted-cookies"})
  void startupLogNamesTheBackendButNeverTheSecrets(String backend, CapturedOutput output) {
    runner
        .withPropertyValues(
            "sessionkit.backend=" + backend,
            "sessionkit.cookie-store.secret=" + SECRET,
            "sessionkit.cookie-store.fallback-secrets=" + OLD_SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SessionStore.class).toString())
                  .doesNotContain(SECRET)
                  .doesNotContain(OLD_SECRET);
              assertThat(context.getBean(SessionkitCookieStoreProperties.class).toString())
                  .doesNotContain(SECRET)
                  .doesNotContain(OLD_SECRET);
            });

    assertThat(output)
        .contains("Sessions are kept by the " + backend + " backend")
        .doesNotContain(SECRET)
        .doesNotContain(OLD_SECRET);
  }

  @Test
  void djangoFormatWritesAndReadsDjangosSignedCookies() {
    String djangoCookie =
        saved(new DjangoSignedCookieSessionStore(SECRET, List.of(), SessionSettings.defaults()));
    runner
        .withPropertyValues(
            "sessionkit.backend=signed-cookies",
            "sessionkit.cookie-store.format=django",
            "sessionkit.cookie-store.secret=" + SECRET)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              assertThat(store).isInstanceOf(DjangoSignedCookieSessionStore.class);
              assertThat(((StorageSessionStore) store).backend())
                  .isEqualTo("django-signed-cookies");
              assertThat(store.open(djangoCookie).get("a")).isEqualTo(1);
            });
  }

  @Test
  void djangoFormatWithEncryptedCookiesIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=encrypted-cookies",
                "sessionkit.cookie-store.format=django",
                "sessionkit.cookie-store.secret=" + SECRET));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.cookie-store.format is 'django', but sessionkit.backend is"
                + " 'encrypted-cookies'; Django has no encrypted cookie format.");
    assertThat(analysis.getAction()).contains("'signed-cookies'");
  }

  // ---- not chosen, or replaced ----------------------------------------------------------------

  @Test
  void otherBackendsIgnoreTheCookieStoreSecret() {
    runner
        .withPropertyValues("sessionkit.cookie-store.secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SignedCookieSessionStore.class);
              assertThat(context).doesNotHaveBean(EncryptedCookieSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isInstanceOf(CacheSessionStore.class);
            });
  }

  @Test
  void applicationsSessionStoreWinsEvenWithoutASecret() {
    ForeignSessionStore own =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own")));
    runner
        .withBean(SessionStore.class, () -> own)
        .withPropertyValues("sessionkit.backend=signed-cookies")
        .run(context -> assertThat(context.getBean(SessionStore.class)).isSameAs(own));
  }

  // ---- chosen, but cannot work ----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"signed-cookies", "encrypted-cookies"})
  void missingSecretIsReportedAndThereIsNoDefault(String backend) {
    FailureAnalysis analysis =
        analysisOf(runner.withPropertyValues("sessionkit.backend=" + backend));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.backend is '"
                + backend
                + "', but sessionkit.cookie-store.secret is not set; the session cookies cannot be"
                + " protected without a secret, and there is no default one.");
    assertThat(analysis.getAction())
        .startsWith("Set sessionkit.cookie-store.secret to at least 32 bytes of random data")
        .contains("openssl rand -base64 32");
  }

  @Test
  void shortSecretIsReportedWithoutShowingIt(CapturedOutput output) {
    String shortSecret = "too-short-secret-31-bytes-long!";

    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=encrypted-cookies",
                "sessionkit.cookie-store.secret=" + shortSecret));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.cookie-store.secret is 31 bytes long; a cookie store secret must be at"
                + " least 32 bytes (256 bits).")
        .doesNotContain(shortSecret);
    assertThat(analysis.getAction())
        .contains("sessionkit.cookie-store.secret")
        .doesNotContain(shortSecret);
    assertThat(output).doesNotContain(shortSecret);
  }

  @Test
  void shortFallbackSecretIsReportedByItsIndex() {
    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=signed-cookies",
                "sessionkit.cookie-store.secret=" + SECRET,
                "sessionkit.cookie-store.fallback-secrets=" + OLD_SECRET + ",short"));

    assertThat(analysis.getDescription())
        .startsWith("sessionkit.cookie-store.fallback-secrets[1] is 5 bytes long")
        .doesNotContain("short,");
    assertThat(analysis.getAction())
        .contains("sessionkit.cookie-store.fallback-secrets[1]")
        .contains("Spring Boot splits a single value at its commas");
  }

  @Test
  void fallbackSecretWithACommaGivenAsOneListItemReadsItsCookies() {
    String commaSecret = "previous,secret-that-holds-a-comma-0123456789";
    String[] oldCookie = new String[1];
    runner
        .withPropertyValues(
            "sessionkit.backend=signed-cookies", "sessionkit.cookie-store.secret=" + commaSecret)
        .run(context -> oldCookie[0] = saved(context.getBean(SessionStore.class)));

    runner
        .withPropertyValues(
            "sessionkit.backend=signed-cookies",
            "sessionkit.cookie-store.secret=" + SECRET,
            "sessionkit.cookie-store.fallback-secrets[0]=" + commaSecret)
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class).open(oldCookie[0]).get("a"))
                    .isEqualTo(1));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String saved(SessionStore store) {
    return saved(store, 1);
  }

  private static String saved(SessionStore store, Object value) {
    Session session = store.newSession();
    session.put("a", value);
    session.save();
    return session.getSessionKey();
  }
}
