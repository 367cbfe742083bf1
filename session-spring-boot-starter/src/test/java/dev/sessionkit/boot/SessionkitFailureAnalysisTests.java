package dev.sessionkit.boot;

import static dev.sessionkit.boot.testing.FailureAnalyses.analysisOf;
import static dev.sessionkit.boot.testing.FailureAnalyses.sessionkitAnalyzers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.CompositeCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each misconfiguration stops the context, and the failure analyzers registered in {@code
 * META-INF/spring.factories} explain it naming the property to fix.
 */
class SessionkitFailureAnalysisTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SessionkitAutoConfiguration.class));

  @Test
  void missingFileDirectoryIsReportedWithCoresMessage(@TempDir Path directory) {
    Path missing = directory.resolve("missing");

    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=file", "sessionkit.file.path=" + missing));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "The session storage path '"
                + missing
                + "' doesn't exist. Please set your sessionkit.file.path property to an existing"
                + " directory in which sessions can be stored.");
    assertThat(analysis.getAction())
        .startsWith(
            "Set sessionkit.file.path to an existing"
                + " directory that this application can write to");
  }

  @Test
  void fileInsteadOfDirectoryIsReported(@TempDir Path directory) throws Exception {
    Path file = Files.createFile(directory.resolve("not-a-directory"));

    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + file));

    assertThat(analysis.getDescription()).contains("'" + file + "' doesn't exist");
    assertThat(analysis.getAction()).contains("sessionkit.file.path");
  }

  @Test
  void unwritableFileDirectoryIsReportedWithCoresMessage() {
    // /proc exists on every Linux machine and no one, not even root, can create files in it.
    Path unwritable = Path.of("/proc");

    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=file", "sessionkit.file.path=" + unwritable));

    assertThat(analysis.getDescription())
        .startsWith(
            "The session storage path '/proc' is not writable. Please set your sessionkit.file.path"
                + " property");
    assertThat(analysis.getAction()).contains("sessionkit.file.path");
  }

  @Test
  void dbWithoutDataSourceIsReported() {
    FailureAnalysis analysis = analysisOf(runner.withPropertyValues("sessionkit.backend=db"));

    assertThat(analysis.getDescription())
        .isEqualTo("sessionkit.backend is 'db', but the application has no DataSource.");
    assertThat(analysis.getAction())
        .isEqualTo(
            "Configure a DataSource (add"
                + " spring-boot-starter-jdbc and a JDBC driver, and set spring.datasource.url), or set"
                + " sessionkit.backend to 'file' or 'cache'.");
  }

  @Test
  void dbWithoutSpringJdbcIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
                .withPropertyValues("sessionkit.backend=db"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.backend is 'db', which keeps sessions in the database, but Spring's JDBC"
                + " support (spring-jdbc and spring-boot-jdbc) is not on the classpath.");
    assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc");
  }

  @Test
  void autoWithADataSourceButWithoutSpringJdbcNamesWhatIsMissing() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
                .withBean(DataSource.class, () -> new org.h2.jdbcx.JdbcDataSource()));

    assertThat(analysis.getDescription())
        .startsWith("sessionkit.backend is 'auto', which keeps sessions in the database")
        .doesNotContain("has no DataSource");
  }

  @Test
  void dedicatedCacheWithoutCaffeineIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withClassLoader(new FilteredClassLoader("com.github.benmanes.caffeine"))
                .withPropertyValues("sessionkit.backend=cache"));

    assertThat(analysis.getDescription())
        .contains("dedicated Caffeine cache")
        .contains("not on the classpath");
    assertThat(analysis.getAction())
        .contains("sessionkit.cache.name")
        .contains("sessionkit.backend");
  }

  @Test
  void unknownCacheNameIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(CacheManager.class, () -> fixedCacheManager("products", "prices"))
                .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.cache.name is 'sessions', but"
                + " the CacheManager (ConcurrentMapCacheManager) has no cache of that name. Its caches:"
                + " [products, prices].");
    assertThat(analysis.getAction())
        .startsWith(
            "Set sessionkit.cache.name to one of the"
                + " CacheManager's caches, or add 'sessions' to spring.cache.cache-names");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-op", "composite falling back to no-op"})
  void cacheThatStoresNothingIsReported(String manager) {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(
                    CacheManager.class,
                    () -> {
                      if (manager.equals("no-op")) {
                        return new NoOpCacheManager();
                      }
                      CompositeCacheManager composite =
                          new CompositeCacheManager(fixedCacheManager("products"));
                      composite.setFallbackToNoOpCache(true);
                      return composite;
                    })
                .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription())
        .startsWith("sessionkit.cache.name is 'sessions', but the CacheManager (")
        .contains("gives a cache that stores nothing (NoOpCache");
    assertThat(analysis.getAction()).contains("spring.cache.type");
  }

  @Test
  void cacheNameWithoutCacheManagerIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription())
        .isEqualTo("sessionkit.cache.name is 'sessions', but the application has no CacheManager.");
    assertThat(analysis.getAction())
        .startsWith(
            "Enable caching (@EnableCaching, and" + " spring.cache.type, for example redis)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "json", "bytes"})
  void redisCacheThatDoesNotStorePlainTextIsReported(String serializer) {
    RedisSerializer<?> values =
        switch (serializer) {
          case "jdk" -> RedisSerializer.java();
          case "json" -> new JacksonJsonRedisSerializer<>(Object.class);
          default -> RedisSerializer.byteArray();
        };
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(
                    CacheManager.class,
                    () ->
                        RedisCacheManager.builder(mock(RedisCacheWriter.class))
                            .cacheDefaults(
                                RedisCacheConfiguration.defaultCacheConfig()
                                    .serializeValuesWith(SerializationPair.fromSerializer(values)))
                            .build())
                .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription())
        .startsWith(
            "sessionkit.cache.name is 'sessions', a Redis cache whose values are serialized by "
                + values.getClass().getName()
                + ", which does not store a string as its UTF-8 text.");
    assertThat(analysis.getAction())
        .startsWith(
            "Configure the Redis cache 'sessions' with RedisSerializer.string() as its value"
                + " serializer")
        .contains("sessionkit.backend=redis");
  }

  @Test
  void redisCacheWithTheDefaultJavaSerializationIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(
                    CacheManager.class,
                    () ->
                        RedisCacheManager.builder(mock(RedisCacheWriter.class))
                            .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig())
                            .build())
                .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription()).contains("JdkSerializationRedisSerializer");
  }

  @Test
  void bootsRedisCacheManagerIsNotRewrittenSoItsJavaSerializationIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            new ApplicationContextRunner()
                .withConfiguration(
                    AutoConfigurations.of(
                        SessionkitAutoConfiguration.class,
                        CacheAutoConfiguration.class,
                        DataRedisAutoConfiguration.class))
                .withUserConfiguration(CachingConfiguration.class)
                .withPropertyValues(
                    "spring.cache.type=redis",
                    "sessionkit.backend=cache",
                    "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription()).contains("JdkSerializationRedisSerializer");
    assertThat(analysis.getAction()).contains("sessionkit.backend=redis");
  }

  @Test
  void transactionAwareRedisCacheIsCheckedToo() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(
                    CacheManager.class,
                    () ->
                        RedisCacheManager.builder(mock(RedisCacheWriter.class))
                            .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig())
                            .transactionAware()
                            .build())
                .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription()).contains("JdkSerializationRedisSerializer");
  }

  @Test
  void autoBackendWithCacheNameButNoCacheManagerIsReported() {
    FailureAnalysis analysis =
        analysisOf(runner.withPropertyValues("sessionkit.cache.name=sessions"));

    assertThat(analysis.getDescription()).contains("has no CacheManager");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sessions; DROP", "a.b.c", "1sessions", "app.", "ses-sions"})
  void invalidTableNameIsReported(String tableName) {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(
                    javax.sql.DataSource.class,
                    () ->
                        new org.springframework.jdbc.datasource.DriverManagerDataSource(
                            "jdbc:h2:mem:invalid-table;DB_CLOSE_DELAY=-1"))
                .withPropertyValues(
                    "sessionkit.backend=db", "sessionkit.jdbc.table-name=" + tableName));

    assertThat(analysis.getDescription())
        .isEqualTo("sessionkit.jdbc.table-name '" + tableName + "' is not a plain SQL identifier.");
    assertThat(analysis.getAction()).contains("sessionkit.jdbc.table-name");
  }

  @Test
  void invalidCleanupCronIsReported(@TempDir Path directory) {
    FailureAnalysis analysis =
        analysisOf(
            runner.withPropertyValues(
                "sessionkit.backend=file",
                "sessionkit.file.path=" + directory,
                "sessionkit.cleanup.cron=every hour"));

    assertThat(analysis.getDescription())
        .startsWith("sessionkit.cleanup.cron 'every hour' is not a valid cron expression");
    assertThat(analysis.getAction())
        .contains("sessionkit.cleanup.cron")
        .contains("sessionkit.cleanup.enabled=false");
  }

  @Test
  void maxAgeBelowOneSecondIsReported() {
    FailureAnalysis analysis = analysisOf(runner.withPropertyValues("sessionkit.max-age=0"));

    assertThat(analysis.getDescription()).startsWith("sessionkit.max-age is PT0S");
    assertThat(analysis.getAction()).startsWith("Set sessionkit.max-age to a positive duration");
  }

  @Test
  void maxSizeBelowOneKilobyteIsReported() {
    FailureAnalysis analysis = analysisOf(runner.withPropertyValues("sessionkit.max-size=100B"));

    assertThat(analysis.getDescription()).startsWith("sessionkit.max-size is 100B");
    assertThat(analysis.getAction()).startsWith("Set sessionkit.max-size to a size");
  }

  @Test
  void unknownBackendStopsTheContextNamingTheProperty() {
    runner
        .withPropertyValues("sessionkit.backend=memcached")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("memcached");
              assertThat(context.getStartupFailure()).hasMessageContaining("sessionkit");
            });
  }

  @Test
  void everyAnalyzerIsRegistered() {
    assertThat(sessionkitAnalyzers())
        .extracting(analyzer -> analyzer.getClass().getSimpleName())
        .containsExactlyInAnyOrder(
            "ImproperlyConfiguredFailureAnalyzer", "SessionkitFailureAnalyzer");
  }

  @EnableCaching
  @Configuration(proxyBeanMethods = false)
  static class CachingConfiguration {}

  private static CacheManager fixedCacheManager(String... names) {
    ConcurrentMapCacheManager manager = new ConcurrentMapCacheManager(names);
    return manager;
  }
}
