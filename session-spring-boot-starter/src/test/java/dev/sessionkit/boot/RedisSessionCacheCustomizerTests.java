package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter;

/** The Redis cache of sessions stores plain strings and expires each entry with its session. */
class RedisSessionCacheCustomizerTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final RedisCacheManagerBuilder builder =
      RedisCacheManager.builder(mock(RedisCacheWriter.class))
          .cacheDefaults(
              RedisCacheConfiguration.defaultCacheConfig()
                  .entryTtl(Duration.ofMinutes(10))
                  .prefixCacheNameWith("app:"));

  @Test
  void sessionCacheStoresStringsAndLivesAsLongAsEachSession() {
    new RedisSessionCacheCustomizer("sessions", Clock.fixed(NOW, ZoneOffset.UTC))
        .customize(builder);

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
    new RedisSessionCacheCustomizer("sessions", Clock.fixed(NOW, ZoneOffset.UTC))
        .customize(builder);

    RedisCacheConfiguration configuration =
        builder.getCacheConfigurationFor("sessions").orElseThrow();
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "2000-01-01T00:00:00Z\n{}"))
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void otherValuesKeepTheCachesTimeToLive() {
    new RedisSessionCacheCustomizer("sessions", Clock.fixed(NOW, ZoneOffset.UTC))
        .customize(builder);

    RedisCacheConfiguration configuration =
        builder.getCacheConfigurationFor("sessions").orElseThrow();
    assertThat(configuration.getTtlFunction().getTimeToLive("key", "not a session record"))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void otherCachesAreLeftAlone() {
    new RedisSessionCacheCustomizer("sessions", Clock.systemUTC()).customize(builder);

    assertThat(builder.getConfiguredCaches()).containsExactly("sessions");
    assertThat(builder.getCacheConfigurationFor("products")).isEmpty();
  }
}
