package dev.sessionkit.boot;

import dev.sessionkit.SessionCodec;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitProperties.Backend;
import dev.sessionkit.boot.cleanup.SessionCleanup;
import dev.sessionkit.boot.cleanup.SessionCleanupLock;
import dev.sessionkit.boot.event.SessionEventPublisher;
import dev.sessionkit.boot.jdbc.JdbcSessionSchemaInitializer;
import dev.sessionkit.boot.jdbc.OnMissingJdbcSupportCondition;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the session store chosen by {@code sessionkit.backend}: {@code db} (a
 * {@link JdbcSessionStore} on the application's {@code DataSource}, its table created as {@code
 * sessionkit.jdbc.initialize-schema} says), {@code file} (a {@link FileSessionStore} in {@code
 * sessionkit.file.path}), {@code cache} (a {@link CacheSessionStore} over a dedicated bounded
 * Caffeine cache, or over {@code sessionkit.cache.name} from the application's {@code
 * CacheManager}), or {@code auto} (db when there is a {@code DataSource}, else cache). Also the
 * {@link SessionSettings}, the scheduled removal of expired sessions (for backends that do not
 * expire sessions themselves), Spring application events about sessions ({@link
 * SessionEventPublisher}, unless {@code sessionkit.events.enabled=false}), the registration of
 * every {@link SessionListener} bean with the store. The native Redis backend ({@code redis}) has
 * an auto-configuration of its own. Each bean backs off when the application defines its own.
 *
 * <p>A backend that cannot work as configured stops the startup with a failure analysis that names
 * the property to change.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
    })
@EnableConfigurationProperties(SessionkitProperties.class)
public final class SessionkitAutoConfiguration {

  /**
   * The name of the dedicated in-process cache used when {@code sessionkit.cache.name} is unset.
   */
  static final String DEDICATED_CACHE_NAME = "sessionkit";

  private static final String JDBC_TEMPLATE = OnMissingJdbcSupportCondition.JDBC_TEMPLATE;
  private static final String BOOT_JDBC = OnMissingJdbcSupportCondition.BOOT_JDBC;
  private static final String REDIS_CACHE = "org.springframework.data.redis.cache.RedisCache";

  @Bean
  @ConditionalOnMissingBean
  SessionSettings sessionkitSessionSettings(
      SessionkitProperties properties, ObjectProvider<SessionCodec> codec) {
    if (properties.getMaxAge().getSeconds() < 1) {
      throw new SessionkitConfigurationException(
          "sessionkit.max-age is "
              + properties.getMaxAge()
              + "; a session must live at least one"
              + " second.",
          "Set sessionkit.max-age to a positive duration such as 14d or 8h (a plain number means"
              + " seconds), or use sessionkit.expire-at-browser-close=true for cookies that end"
              + " with the browser.");
    }
    long maxSize = properties.getMaxSize().toBytes();
    if (maxSize < 1024 || maxSize > Integer.MAX_VALUE) {
      throw new SessionkitConfigurationException(
          "sessionkit.max-size is " + properties.getMaxSize() + "; it must be 1KB to 2GB.",
          "Set sessionkit.max-size to a size such as 128KB (the default) or 1MB.");
    }
    SessionSettings.Builder settings =
        SessionSettings.builder()
            .maxAge(properties.getMaxAge())
            .maxSize((int) maxSize)
            .expireAtBrowserClose(properties.isExpireAtBrowserClose());
    codec.ifAvailable(settings::codec);
    return settings.build();
  }

  @Bean
  static SessionkitStartupLog sessionkitStartupLog(ObjectProvider<SessionStore> store) {
    return new SessionkitStartupLog(store);
  }

  @Bean
  static SessionListenerRegistrar sessionkitListenerRegistrar(
      ObjectProvider<SessionStore> store, ObjectProvider<SessionListener> listeners) {
    return new SessionListenerRegistrar(store, listeners);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SessionStore.class)
  @ConditionalOnBooleanProperty(name = "sessionkit.events.enabled", matchIfMissing = true)
  SessionEventPublisher sessionkitEventPublisher(
      ApplicationEventPublisher publisher, SessionStore store) {
    return new SessionEventPublisher(publisher, store);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SessionStore.class)
  @ConditionalOnBooleanProperty(name = "sessionkit.cleanup.enabled", matchIfMissing = true)
  SessionCleanup sessionkitCleanup(
      SessionStore store,
      SessionkitProperties properties,
      ObjectProvider<SessionCleanupLock> lock) {
    return new SessionCleanup(
        store,
        properties.getCleanup(),
        lock.getIfAvailable(SessionCleanupLock::none),
        RandomGenerator.getDefault());
  }

  /** {@code db}: a table in the application's database. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {JDBC_TEMPLATE, BOOT_JDBC})
  @ConditionalOnMissingBean(SessionStore.class)
  @Conditional(OnDbBackendCondition.class)
  static class DbBackendConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcSessionStore sessionStore(
        ObjectProvider<DataSource> dataSource,
        SessionSettings settings,
        SessionkitProperties properties) {
      DataSource available = requireDataSource(dataSource);
      SessionkitProperties.Jdbc jdbc = properties.getJdbc();
      JdbcSessionStore store = newStore(available, settings, jdbc.getTableName());
      new JdbcSessionSchemaInitializer(available, store.tableName(), jdbc.getInitializeSchema())
          .initialize();
      return store;
    }

    /** Only one instance at a time removes the expired rows: a lock row beside the table. */
    @Bean
    @ConditionalOnMissingBean
    SessionCleanupLock sessionkitCleanupLock(
        ObjectProvider<DataSource> dataSource, SessionkitProperties properties) {
      return SessionCleanupLock.jdbc(
          requireDataSource(dataSource), properties.getJdbc().getTableName());
    }

    /** The store, or the failure analysis when core refuses the table name. */
    private static JdbcSessionStore newStore(
        DataSource dataSource, SessionSettings settings, String tableName) {
      try {
        return new JdbcSessionStore(dataSource, settings, tableName);
      } catch (IllegalArgumentException ex) {
        throw new SessionkitConfigurationException(
            "sessionkit.jdbc.table-name '" + tableName + "' is not a plain SQL identifier.",
            "Set sessionkit.jdbc.table-name to letters, digits and underscores, optionally"
                + " qualified by a schema (myschema.sessions).");
      }
    }

    private static DataSource requireDataSource(ObjectProvider<DataSource> dataSource) {
      DataSource available = dataSource.getIfAvailable();
      if (available == null) {
        throw missingDataSource();
      }
      return available;
    }
  }

  /** {@code db} asked for, but spring-jdbc or Spring Boot's JDBC support is missing. */
  @Configuration(proxyBeanMethods = false)
  @Conditional({OnMissingJdbcSupportCondition.class, OnDbBackendCondition.class})
  @ConditionalOnMissingBean(SessionStore.class)
  static class DbBackendUnavailableConfiguration {

    @Bean
    SessionStore sessionStore(SessionkitProperties properties) {
      throw new SessionkitConfigurationException(
          "sessionkit.backend is '"
              + properties.getBackend().name().toLowerCase(Locale.ROOT)
              + "', which keeps sessions in the database, but Spring's JDBC support"
              + " (spring-jdbc and spring-boot-jdbc) is not on the classpath.",
          "Add spring-boot-starter-jdbc and a JDBC driver, or set sessionkit.backend to 'file' or"
              + " 'cache'.");
    }
  }

  /** {@code file}: one file per session in a directory. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SessionStore.class)
  @ConditionalOnSessionBackend(Backend.FILE)
  static class FileBackendConfiguration {

    @Bean
    FileSessionStore sessionStore(SessionkitProperties properties, SessionSettings settings) {
      Path path = properties.getFile().getPath();
      return path != null
          ? new FileSessionStore(path, settings)
          : FileSessionStore.inPrivateDirectory(settings);
    }

    /** Only one process at a time cleans a shared directory: a locked file in it. */
    @Bean
    @ConditionalOnMissingBean
    SessionCleanupLock sessionkitCleanupLock(FileSessionStore store, SessionSettings settings) {
      return SessionCleanupLock.file(store.directory(), settings.clock());
    }
  }

  /** {@code cache}: a dedicated Caffeine cache, or a named cache of the application's. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SessionStore.class)
  @Conditional(OnCacheBackendCondition.class)
  static class CacheBackendConfiguration {

    @Bean
    CacheSessionStore sessionStore(
        SessionkitProperties properties,
        SessionSettings settings,
        ObjectProvider<CacheManager> cacheManager,
        ResourceLoader resourceLoader) {
      String name = properties.getCache().getName();
      Cache cache =
          name == null || name.isBlank()
              ? dedicatedCache(
                  properties.getCache().getMaximumSize(), settings, resourceLoader.getClassLoader())
              : namedCache(name, cacheManager.getIfAvailable());
      if (ClassUtils.isPresent(REDIS_CACHE, resourceLoader.getClassLoader())) {
        RedisSessionCacheCheck.requirePlainText(cache);
      }
      return new CacheSessionStore(cache, settings);
    }

    private static Cache dedicatedCache(
        long maximumSize, SessionSettings settings, @Nullable ClassLoader classLoader) {
      if (!ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine", classLoader)
          || !ClassUtils.isPresent(
              "org.springframework.cache.caffeine.CaffeineCache", classLoader)) {
        throw new SessionkitConfigurationException(
            "The cache backend without sessionkit.cache.name keeps sessions in a dedicated"
                + " Caffeine cache, but Caffeine (com.github.ben-manes.caffeine:caffeine) or"
                + " spring-context-support is not on the classpath.",
            "Add com.github.ben-manes.caffeine:caffeine and spring-context-support, or set"
                + " sessionkit.cache.name to a cache of the application's CacheManager, or"
                + " choose another backend with sessionkit.backend.");
      }
      if (maximumSize < 1) {
        throw new SessionkitConfigurationException(
            "sessionkit.cache.maximum-size is "
                + maximumSize
                + "; the session cache must hold"
                + " at least one session.",
            "Set sessionkit.cache.maximum-size to a positive number (default 100000).");
      }
      return SessionCaches.caffeine(DEDICATED_CACHE_NAME, maximumSize, settings.clock());
    }

    private static Cache namedCache(String name, @Nullable CacheManager cacheManager) {
      if (cacheManager == null) {
        throw new SessionkitConfigurationException(
            "sessionkit.cache.name is '" + name + "', but the application has no CacheManager.",
            "Enable caching (@EnableCaching, and spring.cache.type, for example redis) so that"
                + " Spring Boot creates a CacheManager, or remove sessionkit.cache.name to keep"
                + " sessions in a dedicated in-process cache.");
      }
      Cache cache = cacheManager.getCache(name);
      if (cache == null) {
        Collection<String> known = new ArrayList<>(cacheManager.getCacheNames());
        throw new SessionkitConfigurationException(
            "sessionkit.cache.name is '"
                + name
                + "', but the CacheManager ("
                + cacheManager.getClass().getSimpleName()
                + ") has no cache of that name."
                + " Its caches: "
                + (known.isEmpty() ? "none" : List.copyOf(known))
                + ".",
            "Set sessionkit.cache.name to one of the CacheManager's caches, or add '"
                + name
                + "' to spring.cache.cache-names, or remove sessionkit.cache.name to keep"
                + " sessions in a dedicated in-process cache.");
      }
      Cache target =
          cache instanceof TransactionAwareCacheDecorator decorator
              ? decorator.getTargetCache()
              : cache;
      if (target instanceof NoOpCache) {
        throw new SessionkitConfigurationException(
            "sessionkit.cache.name is '"
                + name
                + "', but the CacheManager ("
                + cacheManager.getClass().getSimpleName()
                + ") gives a cache that stores nothing (NoOpCache, as with spring.cache.type=none or"
                + " a CompositeCacheManager that falls back to one): no session would ever be"
                + " kept.",
            "Configure a cache manager that stores entries (spring.cache.type), or remove"
                + " sessionkit.cache.name to keep sessions in a dedicated in-process cache.");
      }
      return cache;
    }
  }

  static SessionkitConfigurationException missingDataSource() {
    return new SessionkitConfigurationException(
        "sessionkit.backend is 'db', but the application has no DataSource.",
        "Configure a DataSource (add spring-boot-starter-jdbc and a JDBC driver, and set"
            + " spring.datasource.url), or set sessionkit.backend to 'file' or 'cache'.");
  }

  /** {@code backend=db}, or {@code backend=auto} with a {@code DataSource} bean. */
  static final class OnDbBackendCondition extends AnyNestedCondition {

    OnDbBackendCondition() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnSessionBackend(Backend.DB)
    static class Chosen {}

    @ConditionalOnSessionBackend(Backend.AUTO)
    @ConditionalOnBean(DataSource.class)
    static class AutoWithDataSource {}
  }

  /** {@code backend=cache}, or {@code backend=auto} without a {@code DataSource} bean. */
  static final class OnCacheBackendCondition extends AnyNestedCondition {

    OnCacheBackendCondition() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnSessionBackend(Backend.CACHE)
    static class Chosen {}

    @ConditionalOnSessionBackend(Backend.AUTO)
    @ConditionalOnMissingBean(DataSource.class)
    static class AutoWithoutDataSource {}
  }
}
