package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis cache of sessions stores plain strings, expires each entry with its session, and is
 * written immediately.
 */
class RedisSessionCacheCustomizerTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final RedisCacheManagerBuilder builder =
      RedisCacheManager.builder(mock(RedisCacheWriter.class))
          .cacheDefaults(
              RedisCacheConfiguration.defaultCacheConfig()
                  .entryTtl(Duration.ofMinutes(10))
                  .prefixCacheNameWith("app:"));

  private final RedisConnectionFactory connectionFactory = mock(RedisConnectionFactory.class);

  @Test
  void sessionCacheStoresStringsAndLivesAsLongAsEachSession() {
    customizer(Clock.fixed(NOW, ZoneOffset.UTC)).customize(builder);

    RedisCacheConfiguration configuration =
        builder.getCacheConfigurationFor("sessions").orElseThrow();
    ByteBuffer serialized =
        configuration.getValueSerializationPair().write("2030-01-02T00:00:00Z\n{}");
    assertThat(StandardCharsets.UTF_8.decode(serialized).toString())
        .isEqualTo("2030-01-02T00:00:00Z\n{}");
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "2030-01-02T00:00:00Z\n{}"))
        .isEqualTo(Duration.ofDays(1));
    assertThat(configuration.getKeyPrefixFor("sessions")).isEqualTo("app:sessions::");
  }

  @Test
  void anExpiredSessionGetsTheShortestTimeToLive() {
    customizer(Clock.fixed(NOW, ZoneOffset.UTC)).customize(builder);

    RedisCacheConfiguration configuration =
        builder.getCacheConfigurationFor("sessions").orElseThrow();
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "2000-01-01T00:00:00Z\n{}"))
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void otherValuesKeepTheCachesTimeToLive() {
    customizer(Clock.fixed(NOW, ZoneOffset.UTC)).customize(builder);

    RedisCacheConfiguration configuration =
        builder.getCacheConfigurationFor("sessions").orElseThrow();
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "not a session record"))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "not an instant\n{}"))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void otherCachesAreLeftAlone() {
    customizer(Clock.systemUTC()).customize(builder);

    assertThat(builder.getConfiguredCaches()).containsExactly("sessions");
    assertThat(builder.getCacheConfigurationFor("products")).isEmpty();
  }

  @Test
  void putsAreWrittenBeforeTheyReturnNotDeferred() {
    // Lettuce's factory is also reactive, which is what lets Spring Data Redis 4 defer writes.
    LettuceConnectionFactory lettuce = mock(LettuceConnectionFactory.class, RETURNS_DEEP_STUBS);
    new RedisSessionCacheCustomizer("sessions", Clock.fixed(NOW, ZoneOffset.UTC), lettuce)
        .customize(builder);
    RedisCacheManager manager = builder.build();
    manager.afterPropertiesSet();
    Cache cache = manager.getCache("sessions");

    cache.put("key", "2030-01-02T00:00:00Z\n{}");

    verify(lettuce).getConnection();
    verify(lettuce, never()).getReactiveConnection();
  }

  private RedisSessionCacheCustomizer customizer(Clock clock) {
    return new RedisSessionCacheCustomizer("sessions", clock, connectionFactory);
  }
}
