package dev.sessionkit.benchmarks.http;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The {@code SessionStore} of each sessionkit app, built from core's public constructors (so the
 * benchmark does not depend on how the starter wires a backend), with the starter's {@link
 * SessionSettings}. The starter backs off its own store and adds the filter and {@code Session}
 * injection around this one.
 */
final class SessionkitStores {

  private SessionkitStores() {}

  /**
   * {@code sessionkit-db}: the table on the app's PostgreSQL {@code DataSource}; {@code
   * sessionkit-db-mariadb} (the soak's): the same on MariaDB.
   */
  @Configuration(proxyBeanMethods = false)
  @Profile({"sessionkit-db", "sessionkit-db-mariadb"})
  static class Db {

    @Bean
    JdbcSessionStore sessionStore(
        DataSource dataSource,
        SessionSettings settings,
        @Value("${benchmark.schema-script:postgresql}") String schemaScript) {
      new ResourceDatabasePopulator(
              new ClassPathResource("dev/sessionkit/jdbc/schema-" + schemaScript + ".sql"))
          .execute(dataSource);
      return new JdbcSessionStore(dataSource, settings);
    }
  }

  /** {@code sessionkit-redis}: the native Redis store on Boot's connection factory. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-redis")
  static class Redis {

    @Bean
    RedisSessionStore sessionStore(
        RedisConnectionFactory connectionFactory, SessionSettings settings) {
      return new RedisSessionStore(connectionFactory, settings);
    }
  }

  /** {@code sessionkit-cache}: a dedicated bounded Caffeine cache, as the starter builds it. */
  @Configuration(proxyBeanMethods = false)
  @Profile("sessionkit-cache")
  static class Cache {

    @Bean
    CacheSessionStore sessionStore(SessionSettings settings) {
      return new CacheSessionStore(
          SessionCaches.caffeine("sessionkit", 100_000, settings.clock()), settings);
    }
  }
}
