package dev.sessionkit.boot;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.serializer.RedisElementWriter;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.util.ReflectionUtils;

/**
 * Refuses a Redis session cache whose values are not stored as plain text: with the JDK serializer
 * (the default of {@code RedisCacheConfiguration.defaultCacheConfig()}) every session load would be
 * a Java deserialization of bytes read from Redis, and with a JSON serializer the stored text would
 * not be the session record. Loaded only when Spring Data Redis is on the classpath.
 */
final class RedisSessionCacheCheck {

  private static final String PROBE = "sessionkit probe \u00e9";

  private RedisSessionCacheCheck() {}

  /**
   * Returns when {@code cache} is not a {@link RedisCache} (nor a transaction-aware decorator of
   * one), or when its values are written and read as their UTF-8 bytes.
   *
   * @throws SessionkitConfigurationException when the Redis cache uses another value serializer
   */
  static void requirePlainText(Cache cache) {
    Cache target =
        cache instanceof TransactionAwareCacheDecorator decorator
            ? decorator.getTargetCache()
            : cache;
    if (!(target instanceof RedisCache redisCache)) {
      return;
    }
    SerializationPair<Object> values =
        redisCache.getCacheConfiguration().getValueSerializationPair();
    if (storesPlainText(values)) {
      return;
    }
    String name = cache.getName();
    throw new SessionkitConfigurationException(
        "sessionkit.cache.name is '"
            + name
            + "', a Redis cache whose values are serialized by "
            + serializerName(values)
            + ", which does not store a string as its UTF-8 text. Sessions must be stored as"
            + " plain text: any other serializer would store something else, and the JDK"
            + " serializer would deserialize Java objects read from Redis.",
        "Configure the Redis cache '"
            + name
            + "' with RedisSerializer.string() as its value serializer"
            + " (RedisCacheConfiguration.serializeValuesWith(SerializationPair.fromSerializer("
            + "RedisSerializer.string()))), or set sessionkit.backend=redis to keep sessions in"
            + " Redis without a cache manager.");
  }

  private static boolean storesPlainText(SerializationPair<Object> values) {
    byte[] text = PROBE.getBytes(StandardCharsets.UTF_8);
    try {
      return ByteBuffer.wrap(text).equals(values.write(PROBE))
          && PROBE.equals(values.read(ByteBuffer.wrap(text)));
    } catch (RuntimeException ex) {
      return false;
    }
  }

  /**
   * The class name of the serializer behind {@code values}: Spring Data Redis keeps it in a private
   * field of its element writer, so when that is not found, the writer's class name.
   */
  private static String serializerName(SerializationPair<Object> values) {
    RedisElementWriter<Object> writer = values.getWriter();
    Field field = ReflectionUtils.findField(writer.getClass(), "serializer");
    if (field != null) {
      try {
        ReflectionUtils.makeAccessible(field);
        Object serializer = field.get(writer);
        if (serializer != null) {
          return serializer.getClass().getName();
        }
      } catch (ReflectiveOperationException | RuntimeException ex) {
        // fall back to the writer
      }
    }
    return writer.getClass().getName();
  }
}
