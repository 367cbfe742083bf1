package dev.sessionkit.boot.cacheddb;

import static dev.sessionkit.boot.testing.FailureAnalyses.analysisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.cleanup.SessionCleanupLock;
import dev.sessionkit.boot.redis.SessionkitRedisAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.Lifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When {@code sessionkit.backend=cached-db} wires the cached-db store, which fast store it puts in
 * front of the database, and when it stops startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitCachedDbAutoConfigurationTests {

  private static final String IN_PROCESS_WARNING = "if more than one instance shares this database";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class,
                  SessionkitRedisAutoConfiguration.class,
                  SessionkitCachedDbAutoConfiguration.class));

  private final ApplicationContextRunner withDatabase =
      runner
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:cached-db-"
                  + UUID.randomUUID()
                  + ";DB_CLOSE_DELAY=-1");

  // ---- chosen, with a database -------------------------------------------------------------

  @Test
  void cachedDbWithARedisConnectionFactoryKeepsTheCopiesInRedis(CapturedOutput output) {
    withDatabase
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=cached-db")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              CachedDbSessionStore store = context.getBean(CachedDbSessionStore.class);
              assertThat(store.backend()).isEqualTo("cached-db");
              assertThat(store.toString())
                  .contains("JdbcSessionStore[table sessionkit_session]")
                  .contains("Redis session store (prefix sessionkit:cached-db:)");
              assertThat(store.capabilities().compareAndSet()).isTrue();
            });
    assertThat(output)
        .contains("Sessions are kept by the cached-db backend")
        .doesNotContainIgnoringCase(IN_PROCESS_WARNING);
  }

  @Test
  void cachedDbLocksItsCleanupInATableBesideTheSessionsWithOrWithoutRedis() {
    withDatabase
        .withPropertyValues("sessionkit.backend=cached-db")
        .run(
            context ->
                assertThat(context.getBean(SessionCleanupLock.class))
                    .hasToString("SessionCleanupLock[table sessionkit_session_lock]"));
    withDatabase
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=cached-db")
        .run(
            context ->
                assertThat(context.getBean(SessionCleanupLock.class))
                    .hasToString("SessionCleanupLock[table sessionkit_session_lock]"));
  }

  @Test
  void redisKeyPrefixPropertyNamesTheKeysOfTheCopies() {
    withDatabase
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=cached-db", "sessionkit.redis.key-prefix=shop:c:")
        .run(
            context ->
                assertThat(context.getBean(CachedDbSessionStore.class).toString())
                    .contains("(prefix shop:c:)"));
  }

  @Test
  void cachedDbWithoutRedisKeepsTheCopiesInProcessAndWarnsAboutSeveralInstances(
      CapturedOutput output) {
    withDatabase
        .withPropertyValues("sessionkit.backend=cached-db", "sessionkit.cache.maximum-size=50")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              assertThat(context.getBean(CachedDbSessionStore.class).toString())
                  .contains("CacheSessionStore[cache sessionkit-cached-db]");
            });
    assertThat(output).containsIgnoringCase(IN_PROCESS_WARNING).contains("WARN");
  }

  @Test
  void cachedDbWithoutSpringDataRedisKeepsTheCopiesInProcess() {
    withDatabase
        .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
        .withPropertyValues("sessionkit.backend=cached-db")
        .run(
            context ->
                assertThat(context.getBean(CachedDbSessionStore.class).toString())
                    .contains("CacheSessionStore[cache sessionkit-cached-db]"));
  }

  @Test
  void cachedDbCreatesTheConfiguredTableInAnEmbeddedDatabaseAndIsCleanedUpOnSchedule() {
    withDatabase
        .withPropertyValues(
            "sessionkit.backend=cached-db", "sessionkit.jdbc.table-name=web_sessions")
        .run(
            context -> {
              Integer rows =
                  new JdbcTemplate(context.getBean(DataSource.class))
                      .queryForObject("SELECT COUNT(*) FROM web_sessions", Integer.class);
              assertThat(rows).isZero();
              assertThat(context.getBean(CachedDbSessionStore.class).toString())
                  .contains("table web_sessions");
              assertThat(context.getBean("sessionkitCleanup", Lifecycle.class).isRunning())
                  .isTrue();
            });
  }

  // ---- not chosen, or replaced -------------------------------------------------------------

  @Test
  void otherBackendsAreUnaffected() {
    withDatabase
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(CachedDbSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isInstanceOf(JdbcSessionStore.class);
            });
  }

  @Test
  void applicationsSessionStoreWins() {
    ForeignSessionStore own =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own")));
    withDatabase
        .withBean(SessionStore.class, () -> own)
        .withPropertyValues("sessionkit.backend=cached-db")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(CachedDbSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isSameAs(own);
            });
  }

  // ---- chosen, but cannot work -------------------------------------------------------------

  @Test
  void cachedDbWithoutADataSourceIsReported() {
    FailureAnalysis analysis =
        analysisOf(runner.withPropertyValues("sessionkit.backend=cached-db"));

    assertThat(analysis.getDescription())
        .startsWith("sessionkit.backend is 'cached-db', but the application has no DataSource");
    assertThat(analysis.getAction())
        .startsWith("Configure a DataSource")
        .contains("sessionkit.backend");
  }

  @Test
  void cachedDbWithoutADataSourceIsReportedEvenWithRedis() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
                .withPropertyValues("sessionkit.backend=cached-db"));

    assertThat(analysis.getDescription()).contains("no DataSource");
  }

  @Test
  void cachedDbWithoutSpringJdbcIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
                .withPropertyValues("sessionkit.backend=cached-db"));

    assertThat(analysis.getDescription()).contains("no DataSource");
  }

  @Test
  void emptyRedisKeyPrefixIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            withDatabase
                .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
                .withPropertyValues(
                    "sessionkit.backend=cached-db", "sessionkit.redis.key-prefix="));

    assertThat(analysis.getDescription()).startsWith("sessionkit.redis.key-prefix is empty");
    assertThat(analysis.getAction()).contains("sessionkit.redis.key-prefix");
  }

  @Test
  void tableNameThatIsNotAnIdentifierIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            withDatabase.withPropertyValues(
                "sessionkit.backend=cached-db", "sessionkit.jdbc.table-name=sessions; DROP"));

    assertThat(analysis.getDescription()).contains("is not a plain SQL identifier");
    assertThat(analysis.getAction()).contains("sessionkit.jdbc.table-name");
  }
}
