package dev.sessionkit.boot;

import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.cache.RedisCacheWriter.TtlFunction;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Prepares Spring Boot's {@code RedisCacheManager} for the session cache named by {@code
 * sessionkit.cache.name}:
 *
 * <ul>
 *   <li>that cache stores values as plain strings (the session record's text, never Java
 *       serialization);
 *   <li>each of its entries lives in Redis exactly as long as its session (the expiry instant on
 *       the record's first line);
 *   <li>the cache manager writes immediately: Spring Data Redis 4 otherwise defers {@code put}
 *       (asynchronous writes over Lettuce), so a saved session could be invisible to the visitor's
 *       next request, and {@link dev.sessionkit.cache.CacheSessionStore} relies on a put being
 *       applied when it returns. The writer is the manager's, so this applies to every cache of the
 *       application's Redis cache manager.
 * </ul>
 *
 * The rest of the cache's configuration (key prefix, null values) is the application's.
 */
final class RedisSessionCacheCustomizer implements RedisCacheManagerBuilderCustomizer {

  /** Redis refuses a zero time-to-live; an already expired session lives this long. */
  private static final Duration MINIMUM_TTL = Duration.ofMillis(1);

  private final String cacheName;
  private final Clock clock;
  private final RedisConnectionFactory connectionFactory;

  RedisSessionCacheCustomizer(
      String cacheName, Clock clock, RedisConnectionFactory connectionFactory) {
    this.cacheName = cacheName;
    this.clock = clock;
    this.connectionFactory = connectionFactory;
  }

  @Override
  public void customize(RedisCacheManagerBuilder builder) {
    RedisCacheConfiguration base =
        builder.getCacheConfigurationFor(cacheName).orElseGet(builder::cacheDefaults);
    builder
        .cacheWriter(RedisCacheWriter.create(connectionFactory, writer -> writer.immediateWrites()))
        .withCacheConfiguration(
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

    /** The expiry of a session record's text, or null when the text is not a session record. */
    private static @Nullable Instant expiryOf(String text) {
      try {
        return StoredRecord.fromText(text).expiry();
      } catch (UnreadableSessionDataException ex) {
        return null;
      }
    }
  }
}
