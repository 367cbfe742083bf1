package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.boot.testing.WebTestApplication;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.ServiceAvailability;
import dev.sessionkit.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The whole filter suite on the cache backend over Redis, as an application gets it with {@code
 * spring.cache.type=redis}, {@code sessionkit.cache.name} and a session cache it configured itself
 * (the starter leaves the application's {@code RedisCacheManager} alone): plain string values, a
 * time-to-live of the sessions' maximum age, immediate writes. Plus what is particular to Redis:
 * sessions stored as plain text (no Java serialization), and a session past its expiry never served
 * although the cache still holds it. Needs Redis at 127.0.0.1:6379: skipped with the reason when it
 * is down, failed instead with {@code -Dsessionkit.require-services=true}.
 */
class RedisCacheSessionFilterWebTests extends AbstractSessionFilterWebTests {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;

  private final String cacheName = "sessionkit-test-" + UUID.randomUUID();

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableCaching
  @Import(WebTestApplication.class)
  static class RedisCachingApplication {

    /** The session cache as README shows it: strings, the sessions' lifetime, immediate writes. */
    @Bean
    RedisCacheManagerBuilderCustomizer sessionCache(
        RedisConnectionFactory connectionFactory, SessionkitProperties properties) {
      return builder ->
          builder
              .cacheWriter(
                  RedisCacheWriter.create(connectionFactory, writer -> writer.immediateWrites()))
              .withCacheConfiguration(
                  properties.getCache().getName(),
                  RedisCacheConfiguration.defaultCacheConfig()
                      .entryTtl(properties.getMaxAge())
                      .serializeValuesWith(
                          SerializationPair.fromSerializer(RedisSerializer.string())));
    }
  }

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "spring.cache.type",
        "redis",
        "spring.data.redis.host",
        HOST,
        "spring.data.redis.port",
        PORT,
        "sessionkit.backend",
        "cache",
        "sessionkit.cache.name",
        cacheName);
  }

  @Override
  String backendName() {
    return "cache";
  }

  @Override
  Class<?> application() {
    return RedisCachingApplication.class;
  }

  @Override
  void requireServices() {
    String where = "Redis at " + HOST + ":" + PORT;
    LettuceConnectionFactory probe = TestRedis.connectionFactory(HOST, PORT);
    ServiceAvailability<AutoCloseable> availability;
    try (RedisConnection connection = probe.getConnection()) {
      connection.ping();
      availability = ServiceAvailability.up(where, probe::destroy);
    } catch (RuntimeException ex) {
      availability =
          ServiceAvailability.down(where, ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } finally {
      probe.destroy();
    }
    availability.require();
  }

  /** Runs before the suite stops the server (a subclass's {@code @AfterAll} runs first). */
  @AfterAll
  void deleteTheSessionsOfThisRun() {
    if (server() == null) {
      return;
    }
    StringRedisTemplate redis = server().bean(StringRedisTemplate.class);
    Set<String> keys = redis.keys(cacheName + "::*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
  }

  @Test
  void sessionsLiveInTheNamedRedisCache() {
    CacheSessionStore store = (CacheSessionStore) server().bean(SessionStore.class);

    assertThat(store.cache()).isInstanceOf(RedisCache.class);
    assertThat(store.cache().getName()).isEqualTo(cacheName);
  }

  @Test
  void springCacheOverRedisDoesNotClaimToCompareAndSet() {
    CacheSessionStore store = (CacheSessionStore) server().bean(SessionStore.class);

    assertThat(store.capabilities().compareAndSet()).isFalse();
    assertThat(store.capabilities().expiresRecordsItself()).isTrue();
  }

  @Test
  void sessionIsStoredAsPlainTextWithTheSessionsTimeToLive() {
    Browser browser = new Browser(server());
    HttpResponse<String> response = browser.get("/put?key=k&value=in-redis");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    StringRedisTemplate redis = server().bean(StringRedisTemplate.class);
    String stored = redis.opsForValue().get(cacheName + "::" + sessionKey);
    Long ttl = redis.getExpire(cacheName + "::" + sessionKey, TimeUnit.SECONDS);

    assertThat(stored).isNotNull();
    StoredRecord record = StoredRecord.fromText(stored);
    assertThat(record.expiry()).isAfter(Instant.now().plusSeconds(1_209_500));
    assertThat(record.data()).contains("\"k\"").contains("\"in-redis\"");
    assertThat(ttl).isBetween(1_209_500L, 1_209_600L);
    assertThat(browser.get("/get?key=k").body()).isEqualTo("in-redis");
  }

  @Test
  void logoutRemovesTheSessionFromRedis() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=v");
    String sessionKey = browser.cookie("sessionid");

    browser.get("/flush");

    assertThat(server().bean(StringRedisTemplate.class).hasKey(cacheName + "::" + sessionKey))
        .isFalse();
  }

  @Test
  void sessionPastItsExpiryIsNotServedAlthoughTheCacheStillHoldsIt() {
    Browser browser = new Browser(server());
    HttpResponse<String> response = browser.get("/expired");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    assertThat(server().bean(StringRedisTemplate.class).hasKey(cacheName + "::" + sessionKey))
        .isTrue();
    assertThat(server().bean(SessionStore.class).exists(sessionKey)).isFalse();
    assertThat(server().bean(SessionStore.class).open(sessionKey).get("k")).isNull();
  }
}
