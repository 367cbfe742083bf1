package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.ServiceAvailability;
import dev.sessionkit.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The whole filter suite on the native Redis backend, as an application gets it with {@code
 * sessionkit.backend=redis} and Spring Boot's {@code spring.data.redis.*} (no cache manager, no
 * {@code @EnableCaching}); plus what is particular to Redis: one Redis key per session, under this
 * run's own key prefix, expiring with the session. Needs Redis at 127.0.0.1:6379: skipped with the
 * reason when it is down, failed instead with {@code -Dsessionkit.require-services=true}. The
 * sessions of this run are deleted at the end.
 */
class RedisSessionFilterWebTests extends AbstractSessionFilterWebTests {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;

  private final String keyPrefix = "sessionkit-test-" + UUID.randomUUID() + ":session:";

  /** The {@code spring.data.redis.*} properties that point at the Redis of this test. */
  Map<String, Object> redisProperties() {
    return Map.of("spring.data.redis.host", HOST, "spring.data.redis.port", PORT);
  }

  /** The Redis of this test, for the reason printed when it is down. */
  String where() {
    return "Redis at " + HOST + ":" + PORT;
  }

  /** A started connection factory on the Redis of this test; the caller destroys it. */
  LettuceConnectionFactory probe() {
    return TestRedis.connectionFactory(HOST, PORT);
  }

  @Override
  final Map<String, Object> backendProperties() {
    Map<String, Object> properties = new HashMap<>(redisProperties());
    properties.put("sessionkit.backend", "redis");
    properties.put("sessionkit.redis.key-prefix", keyPrefix);
    return properties;
  }

  @Override
  final String backendName() {
    return "redis";
  }

  @Override
  final void requireServices() {
    ServiceAvailability<AutoCloseable> availability;
    LettuceConnectionFactory probe = null;
    try {
      probe = probe();
      try (RedisConnection connection = probe.getConnection()) {
        connection.ping();
      }
      availability = ServiceAvailability.up(where(), () -> {});
    } catch (RuntimeException ex) {
      availability =
          ServiceAvailability.down(where(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } finally {
      if (probe != null) {
        probe.destroy();
      }
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
    Set<String> keys = redis.keys(keyPrefix + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
  }

  @Test
  void sessionsLiveInTheNativeRedisStoreUnderTheConfiguredPrefix() {
    RedisSessionStore store = (RedisSessionStore) server().bean(SessionStore.class);

    assertThat(store.keyPrefix()).isEqualTo(keyPrefix);
    assertThat(store.capabilities().compareAndSet()).isTrue();
    assertThat(store.capabilities().expiresRecordsItself()).isTrue();
  }

  @Test
  void sessionIsOneRedisKeyThatExpiresWithTheSession() {
    Browser browser = new Browser(server());
    HttpResponse<String> response = browser.get("/put?key=k&value=in-redis");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    StringRedisTemplate redis = server().bean(StringRedisTemplate.class);
    String stored = redis.opsForValue().get(keyPrefix + sessionKey);
    Long ttl = redis.getExpire(keyPrefix + sessionKey, TimeUnit.SECONDS);

    assertThat(stored).isNotNull();
    StoredRecord record = StoredRecord.fromText(stored);
    assertThat(record.expiry()).isAfter(Instant.now().plusSeconds(1_209_500));
    assertThat(record.data()).contains("\"k\"").contains("\"in-redis\"");
    assertThat(ttl).isBetween(1_209_500L, 1_209_600L);
    assertThat(browser.get("/get?key=k").body()).isEqualTo("in-redis");
  }

  @Test
  void logoutDeletesTheRedisKey() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=v");
    String sessionKey = browser.cookie("sessionid");
    assertThat(server().bean(StringRedisTemplate.class).hasKey(keyPrefix + sessionKey)).isTrue();

    browser.get("/flush");

    assertThat(server().bean(StringRedisTemplate.class).hasKey(keyPrefix + sessionKey)).isFalse();
  }

  @Test
  void sessionWhoseExpiryHasPassedIsNotKeptInRedis() {
    Browser browser = new Browser(server());
    HttpResponse<String> response = browser.get("/expired");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    assertThat(server().bean(StringRedisTemplate.class).hasKey(keyPrefix + sessionKey)).isFalse();
    assertThat(server().bean(SessionStore.class).exists(sessionKey)).isFalse();
  }
}
