package dev.sessionkit.boot.redis;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.ConditionalOnSessionBackend;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties.Backend;
import dev.sessionkit.redis.RedisSessionStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the native Redis backend, {@code sessionkit.backend=redis}: a {@link
 * RedisSessionStore} on the application's {@link RedisConnectionFactory} (the one Spring Boot
 * configures from {@code spring.data.redis.*}: standalone, Sentinel or Cluster), with its keys
 * under {@code sessionkit.redis.key-prefix}. No cache manager and no {@code @EnableCaching} are
 * involved. Backs off when the application defines its own {@link SessionStore}.
 *
 * <p>Without a {@code RedisConnectionFactory} bean, or without Spring Data Redis on the classpath,
 * the startup stops with a failure analysis.
 */
@AutoConfiguration(
    before = SessionkitAutoConfiguration.class,
    afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(SessionkitRedisProperties.class)
public final class SessionkitRedisAutoConfiguration {

  private static final String REDIS_CONNECTION_FACTORY =
      "org.springframework.data.redis.connection.RedisConnectionFactory";

  /** {@code redis}: one Redis key per session. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = REDIS_CONNECTION_FACTORY)
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnSessionBackend(Backend.REDIS)
  static class RedisBackendConfiguration {

    @Bean
    RedisSessionStore sessionStore(
        ObjectProvider<RedisConnectionFactory> connectionFactory,
        SessionSettings settings,
        SessionkitRedisProperties properties) {
      RedisConnectionFactory available = connectionFactory.getIfAvailable();
      if (available == null) {
        throw missingConnectionFactory();
      }
      String keyPrefix = properties.getKeyPrefix();
      if (keyPrefix.isEmpty()) {
        throw new SessionkitConfigurationException(
            "sessionkit.redis.key-prefix is empty; sessions would be stored under their bare keys,"
                + " among the application's other Redis keys.",
            "Set sessionkit.redis.key-prefix to a non-empty prefix, or remove it to use the"
                + " default '"
                + RedisSessionStore.DEFAULT_KEY_PREFIX
                + "'.");
      }
      return new RedisSessionStore(available, settings, keyPrefix);
    }
  }

  /** {@code redis} asked for, but Spring Data Redis is not on the classpath. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(REDIS_CONNECTION_FACTORY)
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnSessionBackend(Backend.REDIS)
  static class RedisBackendUnavailableConfiguration {

    @Bean
    SessionStore sessionStore() {
      throw missingConnectionFactory();
    }
  }

  private static SessionkitConfigurationException missingConnectionFactory() {
    return new SessionkitConfigurationException(
        "sessionkit.backend is 'redis', but the application has no RedisConnectionFactory.",
        "Add spring-boot-starter-data-redis and point spring.data.redis.* at your Redis (host and"
            + " port, spring.data.redis.cluster.nodes or spring.data.redis.sentinel.*), or set"
            + " sessionkit.backend to another backend such as 'db' or 'cache'.");
  }
}
