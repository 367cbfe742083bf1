package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.sessionkit.Session;
import dev.sessionkit.SessionCodec;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.boot.testing.MemorySessionStorage;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.testing.RecordingListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which backend the starter wires, for every value of {@code sessionkit.backend}. */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SessionkitAutoConfiguration.class));

  private final ApplicationContextRunner withDataSource =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, DataSourceAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=" + memoryDatabase());

  // ---- auto ----------------------------------------------------------------------------------

  @Test
  void autoWithoutDataSourceUsesADedicatedBoundedCaffeineCache() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(SessionStore.class);
          CacheSessionStore store = context.getBean(CacheSessionStore.class);
          assertThat(store.cache()).isInstanceOf(CaffeineCache.class);
          assertThat(store.cache().getName()).isEqualTo("sessionkit");
          com.github.benmanes.caffeine.cache.Cache<Object, Object> caffeine =
              ((CaffeineCache) store.cache()).getNativeCache();
          assertThat(caffeine.policy().eviction())
              .hasValueSatisfying(eviction -> assertThat(eviction.getMaximum()).isEqualTo(100_000));
        });
  }

  @Test
  void autoWithDataSourceUsesTheDatabase() {
    withDataSource.run(
        context -> {
          assertThat(context).hasSingleBean(SessionStore.class);
          assertThat(context.getBean(SessionStore.class)).isInstanceOf(JdbcSessionStore.class);
        });
  }

  @Test
  void autoWithUserDataSourceBeanUsesTheDatabase() {
    runner
        .withBean(DataSource.class, () -> new DriverManagerDataSource(memoryDatabase()))
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class))
                    .isInstanceOf(JdbcSessionStore.class));
  }

  @Test
  void cacheMaximumSizeBoundsTheDedicatedCache() {
    runner
        .withPropertyValues("sessionkit.cache.maximum-size=42")
        .run(
            context -> {
              CaffeineCache cache =
                  (CaffeineCache) context.getBean(CacheSessionStore.class).cache();
              assertThat(cache.getNativeCache().policy().eviction())
                  .hasValueSatisfying(eviction -> assertThat(eviction.getMaximum()).isEqualTo(42));
            });
  }

  // ---- db ------------------------------------------------------------------------------------

  @Test
  void dbCreatesTheTableInAnEmbeddedDatabaseAndStoresSessions() {
    withDataSource
        .withPropertyValues("sessionkit.backend=db")
        .run(
            context -> {
              JdbcSessionStore store = context.getBean(JdbcSessionStore.class);
              assertThat(store.tableName()).isEqualTo("sessionkit_session");
              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              assertThat(
                      new JdbcTemplate(context.getBean(DataSource.class))
                          .queryForObject("SELECT COUNT(*) FROM sessionkit_session", Integer.class))
                  .isEqualTo(1);
              assertThat(store.open(session.getSessionKey()).get("k")).isEqualTo("v");
            });
  }

  @Test
  void dbAcceptsASchemaQualifiedTableName() {
    withDataSource
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:qualified-"
                + UUID.randomUUID()
                + ";INIT=CREATE SCHEMA IF NOT EXISTS app;DB_CLOSE_DELAY=-1",
            "sessionkit.backend=db",
            "sessionkit.jdbc.table-name=app.web_sessions")
        .run(
            context -> {
              JdbcSessionStore store = context.getBean(JdbcSessionStore.class);
              assertThat(store.tableName()).isEqualTo("app.web_sessions");
              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              assertThat(
                      new JdbcTemplate(context.getBean(DataSource.class))
                          .queryForObject("SELECT COUNT(*) FROM app.web_sessions", Integer.class))
                  .isEqualTo(1);
            });
  }

  @Test
  void dbUsesTheConfiguredTableName() {
    withDataSource
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.table-name=web_sessions")
        .run(
            context -> {
              JdbcSessionStore store = context.getBean(JdbcSessionStore.class);
              assertThat(store.tableName()).isEqualTo("web_sessions");
              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              assertThat(
                      new JdbcTemplate(context.getBean(DataSource.class))
                          .queryForObject("SELECT COUNT(*) FROM web_sessions", Integer.class))
                  .isEqualTo(1);
            });
  }

  @Test
  void initializeSchemaNeverLeavesTheDatabaseAlone() {
    withDataSource
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.initialize-schema=never")
        .run(
            context -> {
              assertThat(context).hasSingleBean(JdbcSessionStore.class);
              assertThat(tableExists(context.getBean(DataSource.class), "SESSIONKIT_SESSION"))
                  .isFalse();
            });
  }

  @Test
  void missingTableIsReportedAtStartupWhenTheStarterDoesNotCreateIt(CapturedOutput output) {
    withDataSource
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.initialize-schema=never")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("The session table sessionkit_session cannot be read")
        .contains("The cleanup lock table sessionkit_session_lock cannot be read")
        .contains("dev/sessionkit/boot/cleanup-lock-schema-*.sql")
        .contains("sessionkit.jdbc.initialize-schema=always");
  }

  @Test
  void initializeSchemaCreatesTheCleanupLockTableBesideTheSessionTable() {
    withDataSource
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.initialize-schema=always")
        .run(
            context ->
                assertThat(
                        tableExists(context.getBean(DataSource.class), "SESSIONKIT_SESSION_LOCK"))
                    .isTrue());
  }

  @Test
  void tableOfAnOlderReleaseWithoutVersionIsReportedAtStartup(CapturedOutput output) {
    runner
        .withBean(
            DataSource.class,
            () -> {
              DataSource dataSource = new DriverManagerDataSource(memoryDatabase());
              new JdbcTemplate(dataSource)
                  .execute(
                      "CREATE TABLE sessionkit_session (session_key VARCHAR(40) PRIMARY KEY,"
                          + " session_data CLOB NOT NULL, expire_date TIMESTAMP(6) NOT NULL)");
              return dataSource;
            })
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.initialize-schema=never")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("The session table sessionkit_session cannot be read")
        .contains("session_key, session_data, expire_date, version");
  }

  @Test
  void applicationsSchemaScriptsRunBeforeTheStoreIsCreated(CapturedOutput output) {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class,
                DataSourceAutoConfiguration.class,
                DataSourceInitializationAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + memoryDatabase(),
            "spring.sql.init.schema-locations=classpath:custom-session-schema.sql",
            "sessionkit.backend=db",
            "sessionkit.jdbc.table-name=custom_sessions",
            "sessionkit.jdbc.initialize-schema=never")
        .run(
            context -> {
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();
              assertThat(session.getSessionKey()).isNotNull();
            });

    assertThat(output).doesNotContain("cannot be read");
  }

  @Test
  void initializeSchemaEmbeddedSkipsADatabaseThatIsNotEmbedded(@TempDir Path directory) {
    String url = "jdbc:h2:file:" + directory.resolve("sessions").toAbsolutePath();
    runner
        .withBean(DataSource.class, () -> new DriverManagerDataSource(url))
        .withPropertyValues("sessionkit.backend=db")
        .run(
            context -> {
              assertThat(context).hasSingleBean(JdbcSessionStore.class);
              assertThat(tableExists(context.getBean(DataSource.class), "SESSIONKIT_SESSION"))
                  .isFalse();
            });
  }

  @Test
  void initializeSchemaAlwaysCreatesTheTableInADatabaseThatIsNotEmbedded(@TempDir Path directory) {
    String url = "jdbc:h2:file:" + directory.resolve("sessions").toAbsolutePath();
    runner
        .withBean(DataSource.class, () -> new DriverManagerDataSource(url))
        .withPropertyValues("sessionkit.backend=db", "sessionkit.jdbc.initialize-schema=always")
        .run(
            context ->
                assertThat(tableExists(context.getBean(DataSource.class), "SESSIONKIT_SESSION"))
                    .isTrue());
  }

  // ---- file ----------------------------------------------------------------------------------

  @Test
  void fileUsesTheConfiguredDirectory(@TempDir Path directory) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context ->
                assertThat(context.getBean(FileSessionStore.class).directory())
                    .isEqualTo(directory));
  }

  @Test
  void fileDefaultsToAPrivateDirectoryOfTheUserInTheTemporaryDirectory() {
    runner
        .withPropertyValues("sessionkit.backend=file")
        .run(
            context -> {
              Path directory = context.getBean(FileSessionStore.class).directory();
              assertThat(directory.getParent())
                  .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
              assertThat(directory.getFileName().toString()).startsWith("sessionkit-");
              assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                  .isEqualTo("rwx------");
            });
  }

  @Test
  void fileIsChosenEvenWhenThereIsADataSource(@TempDir Path directory) {
    withDataSource
        .withPropertyValues("sessionkit.backend=FILE", "sessionkit.file.path=" + directory)
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class))
                    .isInstanceOf(FileSessionStore.class));
  }

  // ---- cache ---------------------------------------------------------------------------------

  @Test
  void cacheIsChosenEvenWhenThereIsADataSource() {
    withDataSource
        .withPropertyValues("sessionkit.backend=cache")
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class))
                    .isInstanceOf(CacheSessionStore.class));
  }

  @Test
  void cacheNameUsesThatCacheFromTheApplicationsCacheManager() {
    runner
        .withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("sessions", "other"))
        .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions")
        .run(
            context -> {
              CacheSessionStore store = context.getBean(CacheSessionStore.class);
              assertThat(store.cache()).isInstanceOf(ConcurrentMapCache.class);
              assertThat(store.cache())
                  .isSameAs(context.getBean(CacheManager.class).getCache("sessions"));
            });
  }

  // ---- the application's own beans win -------------------------------------------------------

  @Test
  void applicationsSessionStoreWins(@TempDir Path directory) {
    withDataSource
        .withBean("mySessionStore", SessionStore.class, () -> new FileSessionStore(directory))
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isInstanceOf(FileSessionStore.class);
              assertThat(tableExists(context.getBean(DataSource.class), "SESSIONKIT_SESSION"))
                  .isFalse();
            });
  }

  @Test
  void applicationsSessionSettingsWin() {
    SessionSettings mine = SessionSettings.builder().maxAge(Duration.ofMinutes(5)).build();
    runner
        .withBean(SessionSettings.class, () -> mine)
        .run(context -> assertThat(context.getBean(SessionSettings.class)).isSameAs(mine));
  }

  @Test
  void settingsFollowTheProperties() {
    runner
        .withPropertyValues(
            "sessionkit.max-age=3600",
            "sessionkit.expire-at-browser-close=true",
            "sessionkit.max-size=64KB")
        .run(
            context -> {
              SessionSettings settings = context.getBean(SessionSettings.class);
              assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(1));
              assertThat(settings.expireAtBrowserClose()).isTrue();
              assertThat(settings.maxSize()).isEqualTo(64 * 1024);
            });
  }

  @Test
  void maxSizeDefaultsTo128Kilobytes() {
    runner.run(
        context ->
            assertThat(context.getBean(SessionSettings.class).maxSize()).isEqualTo(128 * 1024));
  }

  @Test
  void settingsDefaultToDjangosTwoWeeks() {
    runner.run(
        context -> {
          SessionSettings settings = context.getBean(SessionSettings.class);
          assertThat(settings.maxAge()).isEqualTo(Duration.ofSeconds(1_209_600));
          assertThat(settings.expireAtBrowserClose()).isFalse();
        });
  }

  @Test
  void applicationsCodecBeanIsUsed() {
    SessionCodec codec =
        new SessionCodec() {
          @Override
          public String encode(Map<String, ?> data) {
            return "{}";
          }

          @Override
          public Map<String, Object> decode(String text) {
            return new java.util.LinkedHashMap<>();
          }

          @Override
          public <T> T convert(Object value, Class<T> type) {
            return type.cast(value);
          }
        };
    runner
        .withBean(SessionCodec.class, () -> codec)
        .run(context -> assertThat(context.getBean(SessionSettings.class).codec()).isSameAs(codec));
  }

  // ---- startup log ---------------------------------------------------------------------------

  @Test
  void startupLogNamesTheBackendAndWhereButNoSecret(CapturedOutput output) {
    withDataSource
        .withPropertyValues("spring.datasource.password=", "sessionkit.backend=db")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains(
            "Sessions are kept by the db backend: JdbcSessionStore[table sessionkit_session]");
    assertThat(output).doesNotContain("jdbc:h2:mem:");
  }

  @Test
  void startupLogNamesTheFileDirectory(@TempDir Path directory, CapturedOutput output) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("Sessions are kept by the file backend: FileSessionStore[" + directory + "]");
  }

  @Test
  void startupWarnsOnceWhenTheBackendCannotCompareAndSet(CapturedOutput output) {
    runner
        .withBean(SessionStore.class, () -> engineOver(StorageCapabilities.builder().build()))
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output).contains("Sessions are kept by the memory backend: MemorySessionStorage[");
    assertThat(output.getOut().split("cannot compare and set", -1)).hasSize(2);
    assertThat(output)
        .contains("WARN")
        .contains("concurrent saves of one session cannot be merged")
        .contains("the later save wins")
        .contains("a delete (a logout) racing a save can be undone")
        .contains("sessionkit.backend=db")
        .contains("sessionkit.backend=redis")
        .contains("dev.sessionkit.redis.RedisSessionStore");
  }

  @Test
  void startupDoesNotWarnWhenTheBackendComparesAndSets(CapturedOutput output) {
    runner
        .withBean(
            SessionStore.class,
            () -> engineOver(StorageCapabilities.builder().compareAndSet(true).build()))
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output).contains("Sessions are kept by the memory backend");
    assertThat(output).doesNotContain("cannot compare and set");
  }

  @Test
  void startupLogNamesAStoreThatIsNotTheEngineByItsClassAndClaimsNothing(CapturedOutput output) {
    runner
        .withBean(SessionStore.class, () -> new ForeignSessionStore(cacheStore()))
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("Sessions are kept by the ForeignSessionStore backend: ForeignSessionStore");
    assertThat(output).doesNotContain("cannot compare and set");
  }

  // ---- listeners -----------------------------------------------------------------------------

  @Test
  void sessionListenerBeansAreAddedToTheStore() {
    runner
        .withBean(RecordingListener.class, RecordingListener::new)
        .run(
            context -> {
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();

              assertThat(context.getBean(RecordingListener.class).createdKeys())
                  .containsExactly(session.getSessionKey());
            });
  }

  @Test
  void aListenerBeanTheApplicationAddedToTheStoreItselfHearsEachEventOnce() {
    RecordingListener listener = new RecordingListener();
    runner
        .withBean(
            SessionStore.class,
            () -> {
              CacheSessionStore store = cacheStore();
              store.addListener(listener);
              return store;
            })
        .withBean(RecordingListener.class, () -> listener)
        .run(
            context -> {
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();

              assertThat(listener.creates()).isEqualTo(1);
            });
  }

  @Test
  void listenerBeansOfAStoreThatIsNotTheEngineAreReportedAtStartup(CapturedOutput output) {
    runner
        .withBean(SessionStore.class, () -> new ForeignSessionStore(cacheStore()))
        .withBean(RecordingListener.class, RecordingListener::new)
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("SessionListener bean(s) are not told anything")
        .contains(ForeignSessionStore.class.getName());
  }

  // ---- Redis ---------------------------------------------------------------------------------

  @Test
  void bootsRedisCacheManagerIsLeftAsTheApplicationConfiguredIt() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class,
                CacheAutoConfiguration.class,
                DataRedisAutoConfiguration.class))
        .withUserConfiguration(CachingConfiguration.class)
        .withBean(
            RedisCacheManagerBuilderCustomizer.class,
            () ->
                builder ->
                    builder.withCacheConfiguration(
                        "sessions",
                        RedisCacheConfiguration.defaultCacheConfig()
                            .entryTtl(Duration.ofMinutes(10))
                            .serializeValuesWith(
                                SerializationPair.fromSerializer(RedisSerializer.string()))))
        .withPropertyValues(
            "spring.cache.type=redis", "sessionkit.backend=cache", "sessionkit.cache.name=sessions")
        .run(
            context -> {
              CacheSessionStore store = context.getBean(CacheSessionStore.class);
              assertThat(store.cache()).isInstanceOf(RedisCache.class);
              RedisCacheConfiguration configuration =
                  ((RedisCache) store.cache()).getCacheConfiguration();
              assertThat(configuration.getValueSerializationPair().write("text"))
                  .isEqualTo(ByteBuffer.wrap("text".getBytes(StandardCharsets.UTF_8)));
              assertThat(
                      configuration
                          .getTtlFunction()
                          .getTimeToLive("key", Instant.now().plusSeconds(3600) + "\n{}"))
                  .isEqualTo(Duration.ofMinutes(10));
            });
  }

  @Test
  void userRedisCacheManagerWithStringValuesIsUsedAsItIs() {
    runner
        .withBean(
            CacheManager.class,
            () ->
                RedisCacheManager.builder(mock(RedisCacheWriter.class))
                    .cacheDefaults(
                        RedisCacheConfiguration.defaultCacheConfig()
                            .serializeValuesWith(
                                SerializationPair.fromSerializer(RedisSerializer.string())))
                    .build())
        .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(CacheSessionStore.class).cache())
                  .isInstanceOf(RedisCache.class);
            });
  }

  @Test
  void namedCacheWithoutSpringDataRedisIsUsedUnchecked() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
        .withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("sessions"))
        .withPropertyValues("sessionkit.backend=cache", "sessionkit.cache.name=sessions")
        .run(
            context -> {
              assertThat(context.getBean(CacheSessionStore.class).cache())
                  .isInstanceOf(ConcurrentMapCache.class);
            });
  }

  @EnableCaching
  @Configuration(proxyBeanMethods = false)
  static class CachingConfiguration {}

  // ---- helpers -------------------------------------------------------------------------------

  private static StorageSessionStore engineOver(StorageCapabilities capabilities) {
    return new StorageSessionStore(
        MemorySessionStorage.with(capabilities), SessionSettings.defaults());
  }

  private static CacheSessionStore cacheStore() {
    return new CacheSessionStore(new ConcurrentMapCache("sessions"));
  }

  private static String memoryDatabase() {
    return "jdbc:h2:mem:autoconfig-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  private static boolean tableExists(DataSource dataSource, String table) {
    Integer count =
        new JdbcTemplate(dataSource)
            .queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?",
                Integer.class,
                table);
    return count != null && count > 0;
  }
}
