package dev.sessionkit.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter.TtlFunction;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Prepares the Redis cache named by {@code sessionkit.cache.name} for sessions: values are stored
 * as plain strings (the session record's text, never Java serialization), and each entry lives in
 * Redis exactly as long as its session (the expiry instant on the record's first line). The rest of
 * the cache's configuration (key prefix, null values) is the application's.
 */
final class RedisSessionCacheCustomizer implements RedisCacheManagerBuilderCustomizer {

  /** Redis refuses a zero time-to-live; an already expired session lives this long. */
  private static final Duration MINIMUM_TTL = Duration.ofMillis(1);

  private final String cacheName;
  private final Clock clock;

  RedisSessionCacheCustomizer(String cacheName, Clock clock) {
    this.cacheName = cacheName;
    this.clock = clock;
  }

  @Override
  public void customize(RedisCacheManagerBuilder builder) {
    RedisCacheConfiguration base =
        builder.getCacheConfigurationFor(cacheName).orElseGet(builder::cacheDefaults);
    builder.withCacheConfiguration(
        cacheName,
        base.serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.string()))
            .entryTtl(new SessionTtl(clock, base.getTtlFunction())));
  }

  /** The time until the session record's expiry; other values keep the cache's own TTL. */
  record SessionTtl(Clock clock, TtlFunction fallback) implements TtlFunction {

    @Override
    public Duration getTimeToLive(Object key, @Nullable Object value) {
      Instant expiry = value instanceof String text ? expiryOf(text) : null;
      if (expiry == null) {
        return fallback.getTimeToLive(key, value);
      }
      Duration remaining = Duration.between(clock.instant(), expiry);
      return remaining.compareTo(MINIMUM_TTL) < 0 ? MINIMUM_TTL : remaining;
    }

    /** The instant on the first line of a session record's text, or null. */
    private static @Nullable Instant expiryOf(String text) {
      int newline = text.indexOf('\n');
      if (newline < 0) {
        return null;
      }
      try {
        return Instant.parse(text.substring(0, newline));
      } catch (DateTimeParseException ex) {
        return null;
      }
    }
  }
}
