package dev.sessionkit.boot.django;

import static dev.sessionkit.boot.testing.FailureAnalyses.analysisOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.django.DjangoSessionCodec;
import dev.sessionkit.django.DjangoSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * When {@code sessionkit.backend=django} wires a {@link DjangoSessionStore}, and when a missing
 * secret key, {@code DataSource} or a bad table name stops the startup, never showing a key. (The
 * store itself is tested against Django and PostgreSQL in session-core.)
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitDjangoAutoConfigurationTests {

  private static final String SECRET_KEY = "django-insecure-starter-secret-key-0123456789";
  private static final String OLD_SECRET_KEY = "django-insecure-previous-secret-key-9876543210";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitDjangoAutoConfiguration.class));

  private final ApplicationContextRunner withDataSource =
      runner.withBean(
          DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:django-starter"));

  // ---- chosen, with a secret key and a DataSource ----------------------------------------------

  @Test
  void djangoBackendUsesDjangosTableTheSecretKeyAndTheSessionSettings() {
    withDataSource
        .withPropertyValues(
            "sessionkit.backend=django",
            "sessionkit.django.secret-key=" + SECRET_KEY,
            "sessionkit.max-age=8h")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              DjangoSessionStore store = context.getBean(DjangoSessionStore.class);
              assertThat(store.backend()).isEqualTo("django");
              assertThat(store.tableName()).isEqualTo("django_session");
              assertThat(store.settings().maxAge()).isEqualTo(Duration.ofHours(8));
              assertThat(store.settings().codec()).isInstanceOf(DjangoSessionCodec.class);
              String signed = new DjangoSessionCodec(SECRET_KEY).encode(Map.of("a", 1));
              assertThat(store.settings().codec().decode(signed)).containsEntry("a", 1);
            });
  }

  @Test
  void fallbackSecretKeysReadDataSignedWithTheOldKey() {
    String signedWithOldKey = new DjangoSessionCodec(OLD_SECRET_KEY).encode(Map.of("a", 1));
    withDataSource
        .withPropertyValues(
            "sessionkit.backend=django",
            "sessionkit.django.secret-key=" + SECRET_KEY,
            "sessionkit.django.fallback-secret-keys=" + OLD_SECRET_KEY)
        .run(
            context ->
                assertThat(
                        context
                            .getBean(StorageSessionStore.class)
                            .settings()
                            .codec()
                            .decode(signedWithOldKey))
                    .containsEntry("a", 1));
  }

  @Test
  void tableNamePropertyNamesAnotherTable() {
    withDataSource
        .withPropertyValues(
            "sessionkit.backend=django",
            "sessionkit.django.secret-key=" + SECRET_KEY,
            "sessionkit.jdbc.table-name=legacy.django_session")
        .run(
            context ->
                assertThat(context.getBean(DjangoSessionStore.class).tableName())
                    .isEqualTo("legacy.django_session"));
  }

  @Test
  void expiredSessionsAreClearedOnASchedule() {
    withDataSource
        .withPropertyValues(
            "sessionkit.backend=django", "sessionkit.django.secret-key=" + SECRET_KEY)
        .run(
            context ->
                assertThat(context.getBean("sessionkitCleanup", Lifecycle.class).isRunning())
                    .isTrue());
  }

  @Test
  void startupLogNamesTheBackendButNeverTheSecretKeys(CapturedOutput output) {
    withDataSource
        .withPropertyValues(
            "sessionkit.backend=django",
            "sessionkit.django.secret-key=" + SECRET_KEY,
            "sessionkit.django.fallback-secret-keys=" + OLD_SECRET_KEY)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SessionStore.class).toString())
                  .doesNotContain(SECRET_KEY)
                  .doesNotContain(OLD_SECRET_KEY);
              assertThat(context.getBean(SessionkitDjangoProperties.class).toString())
                  .doesNotContain(SECRET_KEY)
                  .doesNotContain(OLD_SECRET_KEY);
            });

    assertThat(output)
        .contains("Sessions are kept by the django backend")
        .doesNotContain(SECRET_KEY)
        .doesNotContain(OLD_SECRET_KEY);
  }

  // ---- not chosen, or replaced ----------------------------------------------------------------

  @Test
  void otherBackendsIgnoreTheDjangoSecretKey() {
    runner
        .withPropertyValues("sessionkit.django.secret-key=" + SECRET_KEY)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(DjangoSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isInstanceOf(CacheSessionStore.class);
            });
  }

  @Test
  void applicationsSessionStoreWinsEvenWithoutASecretKey() {
    ForeignSessionStore own =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own")));
    runner
        .withBean(SessionStore.class, () -> own)
        .withPropertyValues("sessionkit.backend=django")
        .run(context -> assertThat(context.getBean(SessionStore.class)).isSameAs(own));
  }

  // ---- chosen, but cannot work ----------------------------------------------------------------

  @Test
  void missingSecretKeyIsReported() {
    FailureAnalysis analysis =
        analysisOf(withDataSource.withPropertyValues("sessionkit.backend=django"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.backend is 'django', but sessionkit.django.secret-key is not set; the"
                + " session data Django shares cannot be read or signed without Django's"
                + " SECRET_KEY.");
    assertThat(analysis.getAction())
        .startsWith("Set sessionkit.django.secret-key to the SECRET_KEY of the Django application");
  }

  @Test
  void missingDataSourceIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=django", "sessionkit.django.secret-key=" + SECRET_KEY));

    assertThat(analysis.getDescription())
        .isEqualTo("sessionkit.backend is 'django', but the application has no DataSource.");
    assertThat(analysis.getAction()).contains("spring.datasource.url");
  }

  @Test
  void invalidTableNameIsReportedWithoutTheSecretKey(CapturedOutput output) {
    FailureAnalysis analysis =
        analysisOf(
            withDataSource.withPropertyValues(
                "sessionkit.backend=django",
                "sessionkit.django.secret-key=" + SECRET_KEY,
                "sessionkit.jdbc.table-name=django_session; DROP TABLE x"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.jdbc.table-name 'django_session; DROP TABLE x' is not a plain SQL"
                + " identifier.");
    assertThat(analysis.getAction()).contains("sessionkit.jdbc.table-name");
    assertThat(output).doesNotContain(SECRET_KEY);
  }
}
