package dev.sessionkit.boot.redis;

import static dev.sessionkit.boot.testing.FailureAnalyses.analysisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.Lifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * When {@code sessionkit.backend=redis} wires the native Redis store, and when it stops startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitRedisAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitRedisAutoConfiguration.class));

  private final ApplicationContextRunner withBootsRedis =
      runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

  // ---- chosen, with a connection factory ------------------------------------------------------

  @Test
  void redisWithAConnectionFactoryUsesTheNativeRedisStore() {
    RedisConnectionFactory connectionFactory = mock(RedisConnectionFactory.class);
    runner
        .withBean(RedisConnectionFactory.class, () -> connectionFactory)
        .withPropertyValues("sessionkit.backend=redis")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              RedisSessionStore store = context.getBean(RedisSessionStore.class);
              assertThat(store.backend()).isEqualTo("redis");
              assertThat(store.keyPrefix()).isEqualTo("sessionkit:session:");
            });
  }

  @Test
  void redisUsesTheSessionSettingsBean() {
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=redis", "sessionkit.max-age=8h")
        .run(
            context -> {
              SessionSettings settings = context.getBean(SessionSettings.class);
              assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(8));
              assertThat(context.getBean(RedisSessionStore.class).settings()).isSameAs(settings);
            });
  }

  @Test
  void keyPrefixPropertyNamesTheRedisKeys() {
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=redis", "sessionkit.redis.key-prefix=shop:s:")
        .run(
            context ->
                assertThat(context.getBean(RedisSessionStore.class).keyPrefix())
                    .isEqualTo("shop:s:"));
  }

  @Test
  void keyPrefixDefaultsToTheCoresDefault() {
    assertThat(new SessionkitRedisProperties().getKeyPrefix())
        .isEqualTo(RedisSessionStore.DEFAULT_KEY_PREFIX);
  }

  @Test
  void redisUsesBootsConnectionFactoryFromSpringDataRedisProperties() {
    withBootsRedis
        .withPropertyValues(
            "sessionkit.backend=redis",
            "spring.data.redis.host=redis.example",
            "spring.data.redis.port=6390")
        .run(
            context -> {
              assertThat(context).hasSingleBean(RedisSessionStore.class);
              LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
              assertThat(factory.getHostName()).isEqualTo("redis.example");
              assertThat(factory.getPort()).isEqualTo(6390);
            });
  }

  @Test
  void redisUsesBootsClusterConnectionFactoryUnchanged() {
    withBootsRedis
        .withPropertyValues(
            "sessionkit.backend=redis",
            "spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002")
        .run(
            context -> {
              assertThat(context).hasSingleBean(RedisSessionStore.class);
              assertThat(context.getBean(LettuceConnectionFactory.class).getClusterConfiguration())
                  .isNotNull();
            });
  }

  @Test
  void redisUsesBootsSentinelConnectionFactoryUnchanged() {
    withBootsRedis
        .withPropertyValues(
            "sessionkit.backend=redis",
            "spring.data.redis.sentinel.master=mymaster",
            "spring.data.redis.sentinel.nodes=127.0.0.1:26379")
        .run(
            context -> {
              assertThat(context).hasSingleBean(RedisSessionStore.class);
              assertThat(context.getBean(LettuceConnectionFactory.class).getSentinelConfiguration())
                  .isNotNull();
            });
  }

  @Test
  void redisNeedsNoCleanupBecauseRedisExpiresTheKeys() {
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=redis")
        .run(
            context ->
                assertThat(context.getBean("sessionkitCleanup", Lifecycle.class).isRunning())
                    .isFalse());
  }

  @Test
  void startupLogNamesTheRedisBackendAndItsPrefixWithoutWarning(CapturedOutput output) {
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues("sessionkit.backend=redis")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(output)
        .contains("Sessions are kept by the redis backend")
        .contains("sessionkit:session:")
        .doesNotContain("cannot compare and set");
  }

  // ---- not chosen, or replaced ----------------------------------------------------------------

  @Test
  void otherBackendsIgnoreTheConnectionFactory() {
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(RedisSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isInstanceOf(CacheSessionStore.class);
            });
    runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withPropertyValues(
            "sessionkit.backend=db",
            "spring.datasource.url=jdbc:h2:mem:redis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .run(
            context ->
                assertThat(context.getBean(SessionStore.class))
                    .isInstanceOf(JdbcSessionStore.class));
  }

  @Test
  void applicationsSessionStoreWins() {
    ForeignSessionStore own =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own")));
    runner
        .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
        .withBean(SessionStore.class, () -> own)
        .withPropertyValues("sessionkit.backend=redis")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(RedisSessionStore.class);
              assertThat(context.getBean(SessionStore.class)).isSameAs(own);
            });
  }

  @Test
  void applicationsSessionStoreWinsEvenWithoutAConnectionFactory() {
    ForeignSessionStore own =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own")));
    runner
        .withBean(SessionStore.class, () -> own)
        .withPropertyValues("sessionkit.backend=redis")
        .run(context -> assertThat(context.getBean(SessionStore.class)).isSameAs(own));
  }

  // ---- chosen, but cannot work ----------------------------------------------------------------

  @Test
  void redisWithoutAConnectionFactoryIsReported() {
    FailureAnalysis analysis = analysisOf(runner.withPropertyValues("sessionkit.backend=redis"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.backend is 'redis', but the application has no RedisConnectionFactory.");
    assertThat(analysis.getAction())
        .startsWith("Add spring-boot-starter-data-redis and point spring.data.redis.*")
        .contains("sessionkit.backend");
  }

  @Test
  void redisWithoutSpringDataRedisIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
                .withPropertyValues("sessionkit.backend=redis"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "sessionkit.backend is 'redis', but the application has no RedisConnectionFactory.");
    assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
  }

  @Test
  void emptyKeyPrefixIsReported() {
    FailureAnalysis analysis =
        analysisOf(
            runner
                .withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
                .withPropertyValues("sessionkit.backend=redis", "sessionkit.redis.key-prefix="));

    assertThat(analysis.getDescription()).startsWith("sessionkit.redis.key-prefix is empty");
    assertThat(analysis.getAction()).contains("sessionkit.redis.key-prefix");
  }
}
