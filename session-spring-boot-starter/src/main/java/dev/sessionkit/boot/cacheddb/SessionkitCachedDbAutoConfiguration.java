package dev.sessionkit.boot.cacheddb;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.ConditionalOnSessionBackend;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.SessionkitProperties.Backend;
import dev.sessionkit.boot.cleanup.SessionCleanupLock;
import dev.sessionkit.boot.jdbc.JdbcSessionSchemaInitializer;
import dev.sessionkit.boot.jdbc.OnMissingJdbcSupportCondition;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStorage;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the cached-db backend, {@code sessionkit.backend=cached-db}: a {@link
 * CachedDbSessionStore} keeping the sessions in a table of the application's {@code DataSource}
 * (created as {@code sessionkit.jdbc.table-name} and {@code sessionkit.jdbc.initialize-schema} say,
 * as for {@code db}), with a copy of each in a fast store in front of it:
 *
 * <ul>
 *   <li>Redis, when the application has a {@code RedisConnectionFactory} (Spring Boot makes one
 *       from {@code spring.data.redis.*}): the copies are shared by every instance of the
 *       application. Their keys start with {@code sessionkit.redis.key-prefix} when it is set, else
 *       with {@value CachedDbSessionStore#DEFAULT_KEY_PREFIX}.
 *   <li>Otherwise a bounded in-process Caffeine cache of {@code sessionkit.cache.maximum-size}
 *       sessions, for a single instance. A warning at startup says that several instances sharing
 *       the database would read stale copies.
 * </ul>
 *
 * <p>Without a {@code DataSource}, the startup stops with a failure analysis. Backs off when the
 * application defines its own {@link SessionStore}.
 */
@AutoConfiguration(
    before = SessionkitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
    })
@ConditionalOnSessionBackend(Backend.CACHED_DB)
@EnableConfigurationProperties(SessionkitProperties.class)
public final class SessionkitCachedDbAutoConfiguration {

  /** The name of the in-process cache of the copies when there is no Redis. */
  static final String IN_PROCESS_CACHE_NAME = "sessionkit-cached-db";

  private static final Log logger = LogFactory.getLog(SessionkitCachedDbAutoConfiguration.class);

  private static final String JDBC_TEMPLATE = OnMissingJdbcSupportCondition.JDBC_TEMPLATE;
  private static final String BOOT_JDBC = OnMissingJdbcSupportCondition.BOOT_JDBC;
  private static final String REDIS_CONNECTION_FACTORY =
      "org.springframework.data.redis.connection.RedisConnectionFactory";
  private static final String KEY_PREFIX_PROPERTY = "sessionkit.redis.key-prefix";

  /** The copies in Redis, shared by every instance. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {JDBC_TEMPLATE, BOOT_JDBC, REDIS_CONNECTION_FACTORY})
  @ConditionalOnBean(type = REDIS_CONNECTION_FACTORY)
  @ConditionalOnMissingBean(SessionStore.class)
  static class RedisCopiesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SessionCleanupLock sessionkitCleanupLock(
        ObjectProvider<DataSource> dataSource, SessionkitProperties properties) {
      return cleanupLock(dataSource, properties);
    }

    @Bean
    @DependsOnDatabaseInitialization
    CachedDbSessionStore sessionStore(
        ObjectProvider<DataSource> dataSource,
        RedisConnectionFactory connectionFactory,
        SessionSettings settings,
        SessionkitProperties properties,
        Environment environment) {
      String keyPrefix =
          environment.getProperty(KEY_PREFIX_PROPERTY, CachedDbSessionStore.DEFAULT_KEY_PREFIX);
      if (keyPrefix.isEmpty()) {
        throw new SessionkitConfigurationException(
            KEY_PREFIX_PROPERTY
                + " is empty; the copies of the sessions would be stored under their bare keys,"
                + " among the application's other Redis keys.",
            "Set "
                + KEY_PREFIX_PROPERTY
                + " to a non-empty prefix, or remove it to keep the copies under '"
                + CachedDbSessionStore.DEFAULT_KEY_PREFIX
                + "'.");
      }
      return newStore(
          dataSource,
          RedisSessionStore.storage(connectionFactory, keyPrefix),
          settings,
          properties);
    }
  }

  /** The copies in this instance's memory. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {JDBC_TEMPLATE, BOOT_JDBC})
  @ConditionalOnMissingBean(type = {"dev.sessionkit.SessionStore", REDIS_CONNECTION_FACTORY})
  static class InProcessCopiesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SessionCleanupLock sessionkitCleanupLock(
        ObjectProvider<DataSource> dataSource, SessionkitProperties properties) {
      return cleanupLock(dataSource, properties);
    }

    @Bean
    @DependsOnDatabaseInitialization
    CachedDbSessionStore sessionStore(
        ObjectProvider<DataSource> dataSource,
        SessionSettings settings,
        SessionkitProperties properties) {
      long maximumSize = properties.getCache().getMaximumSize();
      if (maximumSize < 1) {
        throw new SessionkitConfigurationException(
            "sessionkit.cache.maximum-size is "
                + maximumSize
                + "; the in-process cache of the cached-db backend must hold at least one"
                + " session.",
            "Set sessionkit.cache.maximum-size to a positive number (default 100000).");
      }
      CachedDbSessionStore store =
          newStore(
              dataSource,
              CacheSessionStore.storage(
                  SessionCaches.caffeine(IN_PROCESS_CACHE_NAME, maximumSize, settings.clock())),
              settings,
              properties);
      logger.warn(
          "sessionkit.backend=cached-db keeps the copies of the sessions in an in-process cache,"
              + " as the application has no RedisConnectionFactory. If more than one instance"
              + " shares this database, each reads its own copies: a session changed or logged"
              + " out on one instance can still read as before on another, until that instance"
              + " saves it. Add spring-boot-starter-data-redis and spring.data.redis.* to share"
              + " the copies in Redis, or use sessionkit.backend=db.");
      return store;
    }
  }

  /** {@code cached-db} asked for, but spring-jdbc or Spring Boot's JDBC support is missing. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnMissingJdbcSupportCondition.class)
  @ConditionalOnMissingBean(SessionStore.class)
  static class JdbcUnavailableConfiguration {

    @Bean
    SessionStore sessionStore() {
      throw missingDataSource();
    }
  }

  private static CachedDbSessionStore newStore(
      ObjectProvider<DataSource> dataSource,
      SessionStorage fast,
      SessionSettings settings,
      SessionkitProperties properties) {
    DataSource available = dataSource.getIfAvailable();
    if (available == null) {
      throw missingDataSource();
    }
    SessionkitProperties.Jdbc jdbc = properties.getJdbc();
    String tableName = jdbc.getTableName();
    SessionStorage durable;
    try {
      durable = JdbcSessionStore.storage(available, tableName, settings.clock());
    } catch (IllegalArgumentException ex) {
      throw new SessionkitConfigurationException(
          "sessionkit.jdbc.table-name '" + tableName + "' is not a plain SQL identifier.",
          "Set sessionkit.jdbc.table-name to letters, digits and underscores, optionally"
              + " qualified by a schema (myschema.sessions).");
    }
    new JdbcSessionSchemaInitializer(available, tableName, jdbc.getInitializeSchema()).initialize();
    return new CachedDbSessionStore(durable, fast, settings);
  }

  /** Only one instance at a time removes the expired rows: a lock row beside the table. */
  private static SessionCleanupLock cleanupLock(
      ObjectProvider<DataSource> dataSource, SessionkitProperties properties) {
    DataSource available = dataSource.getIfAvailable();
    if (available == null) {
      throw missingDataSource();
    }
    return SessionCleanupLock.jdbc(available, properties.getJdbc().getTableName());
  }

  private static SessionkitConfigurationException missingDataSource() {
    return new SessionkitConfigurationException(
        "sessionkit.backend is 'cached-db', but the application has no DataSource; cached-db"
            + " keeps the sessions in a database table and a copy of each in a cache.",
        "Configure a DataSource (add spring-boot-starter-jdbc and a JDBC driver, and set"
            + " spring.datasource.url), or set sessionkit.backend to 'redis' or 'cache'.");
  }
}
