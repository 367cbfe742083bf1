package dev.sessionkit.benchmarks.http;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.cookie.EncryptedCookieSessionStore;
import dev.sessionkit.cookie.SignedCookieSessionStore;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The stores of the cached-db and cookie apps, built from core's public constructors as in {@link
 * SessionkitStores}.
 */
final class SessionkitCompositeStores {

  private SessionkitCompositeStores() {}

  private static void createTable(DataSource dataSource) {
    new ResourceDatabasePopulator(
            new ClassPathResource("dev/sessionkit/jdbc/schema-postgresql.sql"))
        .execute(dataSource);
  }

  /** {@code sessionkit-cached-db-redis}: PostgreSQL, with copies in native Redis. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-cached-db-redis")
  static class CachedDbRedis {

    @Bean
    CachedDbSessionStore sessionStore(
        DataSource dataSource, RedisConnectionFactory connectionFactory, SessionSettings settings) {
      createTable(dataSource);
      return CachedDbSessionStore.withRedis(dataSource, connectionFactory, settings);
    }
  }

  /** {@code sessionkit-cached-db-caffeine}: PostgreSQL, with copies in a Caffeine cache. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-cached-db-caffeine")
  static class CachedDbCaffeine {

    @Bean
    CachedDbSessionStore sessionStore(DataSource dataSource, SessionSettings settings) {
      createTable(dataSource);
      return new CachedDbSessionStore(
          dataSource, SessionCaches.caffeine("sessionkit", 100_000, settings.clock()), settings);
    }
  }

  /** {@code sessionkit-signed-cookies}: the session in an HMAC-signed cookie. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-signed-cookies")
  static class SignedCookies {

    @Bean
    SignedCookieSessionStore sessionStore(
        @Value("${benchmark.cookie-secret}") String secret, SessionSettings settings) {
      return new SignedCookieSessionStore(secret, List.of(), settings);
    }
  }

  /** {@code sessionkit-encrypted-cookies}: the session in an AES-GCM encrypted cookie. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-encrypted-cookies")
  static class EncryptedCookies {

    @Bean
    EncryptedCookieSessionStore sessionStore(
        @Value("${benchmark.cookie-secret}") String secret, SessionSettings settings) {
      return new EncryptedCookieSessionStore(secret, List.of(), settings);
    }
  }
}
