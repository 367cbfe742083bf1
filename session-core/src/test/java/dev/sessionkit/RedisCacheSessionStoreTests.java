package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.LoopbackPorts;
import dev.sessionkit.testing.TestRedis;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The session store contract on {@link CacheSessionStore} over Redis (127.0.0.1:6379) through
 * Spring Data Redis's {@link RedisCacheManager}, with string values and no time-to-live (so only
 * the store's own expiry check keeps expired sessions out). The cache name is private to this test
 * run and the cache is emptied before each test. Skipped when Redis is not running, unless {@code
 * -Dsessionkit.require-services=true}.
 */
class RedisCacheSessionStoreTests extends SessionStoreContractTests {

  @RegisterExtension static final TestRedis redis = TestRedis.local();

  private static final String CACHE_NAME = TestRedis.uniqueName("sessionkit-contract");

  /** The cache of the current test, cleared when first used; shared by the test's stores. */
  private @Nullable Cache cache;

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new CacheSessionStore(cache(), settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    CacheRecords.corruptData(cache(), sessionKey, rawData);
  }

  @Override
  boolean isStored(String sessionKey) {
    return cache().get(sessionKey) != null;
  }

  @Override
  boolean clearExpiredDeletesRecords() {
    return false;
  }

  @Test
  void cachedStringThatIsNotASessionRecordLoadsAsAnEmptySession() {
    String key = storedSession(Map.of("a", 1));
    CacheRecords.replace(cache(), key, "{\"a\": 1}");
    Session session = store.open(key);

    assertThatNoException().isThrownBy(() -> session.get("a"));
    assertThat(session.keySet()).isEmpty();
  }

  @Test
  void storeOnARedisThatIsNotListeningThrowsSessionStoreExceptionNamingTheCache() {
    String key = storedSession(Map.of("a", 1));
    LettuceConnectionFactory unreachable =
        TestRedis.connectionFactory("127.0.0.1", LoopbackPorts.closed());
    try {
      CacheSessionStore down = new CacheSessionStore(redisCache(unreachable), settings);
      down.addListener(listener);
      Session stored = down.open(key);
      Session fresh = down.newSession();
      fresh.put("a", 1);

      assertFailsNamingTheCache(() -> stored.get("a"), key);
      assertFailsNamingTheCache(fresh::save, key);
      assertFailsNamingTheCache(() -> down.exists(key), key);
      assertFailsNamingTheCache(() -> down.delete(key), key);
      assertThat(listener.failedOperations()).contains("load", "create", "delete");
      assertThat(store.exists(key)).as("the record is untouched").isTrue();
    } finally {
      unreachable.destroy();
    }
  }

  private static void assertFailsNamingTheCache(ThrowingCallable operation, String key) {
    assertThatThrownBy(operation)
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining(CACHE_NAME)
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(key));
  }

  private Cache cache() {
    Cache current = cache;
    if (current == null) {
      current = redisCache(redis.connectionFactory());
      current.invalidate(); // clear() may be deferred; invalidate() is done when it returns
      cache = current;
    }
    return current;
  }

  /**
   * The cache as an application should configure it: string values, immediate writes, no
   * time-to-live.
   */
  private static Cache redisCache(RedisConnectionFactory connectionFactory) {
    RedisCacheManager manager =
        RedisCacheManager.builder(
                RedisCacheWriter.create(connectionFactory, writer -> writer.immediateWrites()))
            .cacheDefaults(
                RedisCacheConfiguration.defaultCacheConfig()
                    .serializeValuesWith(
                        SerializationPair.fromSerializer(RedisSerializer.string())))
            .build();
    manager.afterPropertiesSet();
    Cache cache = manager.getCache(CACHE_NAME);
    assertThat(cache).as("Redis cache " + CACHE_NAME).isNotNull();
    return cache;
  }
}
