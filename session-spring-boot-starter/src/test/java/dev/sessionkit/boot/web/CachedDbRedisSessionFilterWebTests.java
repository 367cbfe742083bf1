package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.testing.ServiceAvailability;
import dev.sessionkit.testing.TestRedis;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The session filter with the cached-db backend on an in-memory H2 database, the copies in Redis at
 * 127.0.0.1:6379 under this run's own key prefix. Skipped with the reason when Redis is down,
 * failed instead with {@code -Dsessionkit.require-services=true}.
 */
class CachedDbRedisSessionFilterWebTests extends AbstractSessionFilterWebTests {

  private final String keyPrefix = "sessionkit-test-" + UUID.randomUUID() + ":cached-db:";

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "cached-db",
        "sessionkit.redis.key-prefix",
        keyPrefix,
        "spring.datasource.url",
        "jdbc:h2:mem:web-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "spring.data.redis.host",
        "127.0.0.1",
        "spring.data.redis.port",
        6379);
  }

  @Override
  String backendName() {
    return "cached-db";
  }

  @Override
  void requireServices() {
    String where = "Redis at 127.0.0.1:6379";
    ServiceAvailability<AutoCloseable> availability;
    LettuceConnectionFactory probe = null;
    try {
      probe = TestRedis.connectionFactory("127.0.0.1", 6379);
      try (RedisConnection connection = probe.getConnection()) {
        connection.ping();
      }
      availability = ServiceAvailability.up(where, () -> {});
    } catch (RuntimeException ex) {
      availability =
          ServiceAvailability.down(where, ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } finally {
      if (probe != null) {
        probe.destroy();
      }
    }
    availability.require();
  }

  /** Runs before the suite stops the server (a subclass's {@code @AfterAll} runs first). */
  @AfterAll
  void deleteTheCopiesOfThisRun() {
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
  void sessionIsCopiedToRedisAndALogoutRemovesTheCopy() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=v");
    String sessionKey = browser.cookie("sessionid");
    StringRedisTemplate redis = server().bean(StringRedisTemplate.class);
    assertThat(redis.hasKey(keyPrefix + sessionKey)).isTrue();
    assertThat(server().bean(SessionStore.class).toString()).contains(keyPrefix);

    browser.get("/flush");

    assertThat(redis.hasKey(keyPrefix + sessionKey)).isFalse();
    assertThat(server().bean(SessionStore.class).exists(sessionKey)).isFalse();
  }
}
