package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.cacheddb.SessionkitCachedDbAutoConfiguration;
import dev.sessionkit.boot.cookie.SessionkitCookieStoreAutoConfiguration;
import dev.sessionkit.boot.django.SessionkitDjangoAutoConfiguration;
import dev.sessionkit.boot.redis.SessionkitRedisAutoConfiguration;
import dev.sessionkit.boot.testing.FailureAnalyses;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every spelling Spring Boot binds for {@code sessionkit.backend} selects that backend: an
 * environment variable ({@code SESSIONKIT_BACKEND=CACHED_DB}) or a YAML value in the enum's own
 * spelling must not bind without error and leave the application with no sessions at all.
 */
class BackendSpellingTests {

  @TempDir Path directory;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class,
                SessionkitRedisAutoConfiguration.class,
                SessionkitCachedDbAutoConfiguration.class,
                SessionkitCookieStoreAutoConfiguration.class,
                SessionkitDjangoAutoConfiguration.class,
                DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:spelling-"
                + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1",
            "sessionkit.file.path=" + directory,
            "sessionkit.cookie-store.secret=" + "s".repeat(40));
  }

  @ParameterizedTest(name = "sessionkit.backend={0}")
  @CsvSource({
    "db, dev.sessionkit.jdbc.JdbcSessionStore",
    "DB, dev.sessionkit.jdbc.JdbcSessionStore",
    "AUTO, dev.sessionkit.jdbc.JdbcSessionStore",
    "File, dev.sessionkit.file.FileSessionStore",
    "CACHE, dev.sessionkit.cache.CacheSessionStore",
    "cached-db, dev.sessionkit.cacheddb.CachedDbSessionStore",
    "CACHED_DB, dev.sessionkit.cacheddb.CachedDbSessionStore",
    "cached_db, dev.sessionkit.cacheddb.CachedDbSessionStore",
    "cachedDb, dev.sessionkit.cacheddb.CachedDbSessionStore",
    "signed-cookies, dev.sessionkit.cookie.SignedCookieSessionStore",
    "SIGNED_COOKIES, dev.sessionkit.cookie.SignedCookieSessionStore",
    "signedCookies, dev.sessionkit.cookie.SignedCookieSessionStore",
    "encrypted-cookies, dev.sessionkit.cookie.EncryptedCookieSessionStore",
    "ENCRYPTED_COOKIES, dev.sessionkit.cookie.EncryptedCookieSessionStore",
    "encrypted_cookies, dev.sessionkit.cookie.EncryptedCookieSessionStore"
  })
  void everyBoundSpellingSelectsItsBackend(String value, Class<? extends SessionStore> store) {
    runner()
        .withPropertyValues("sessionkit.backend=" + value)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(SessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isExactlyInstanceOf(store);
            });
  }

  @Test
  void aValueThatNamesNoBackendStopsStartupWithAnAnalysisNamingItEvenWhenABeanNeedsTheStore() {
    FailureAnalysis analysis =
        FailureAnalyses.analysisOf(
            runner()
                .withUserConfiguration(NeedsTheStore.class)
                .withPropertyValues("sessionkit.backend=mongo"));

    assertThat(analysis.getDescription())
        .isEqualTo("sessionkit.backend is 'mongo', which names no backend.");
    assertThat(analysis.getAction())
        .isEqualTo(
            "Set sessionkit.backend to one of: auto, db, file, cache, redis, cached-db,"
                + " signed-cookies, encrypted-cookies, django.");
  }

  /** An application bean that needs the store, created before anything reads the properties. */
  @Configuration(proxyBeanMethods = false)
  static class NeedsTheStore {

    @Bean
    Object devicesService(SessionStore store) {
      return store;
    }
  }
}
