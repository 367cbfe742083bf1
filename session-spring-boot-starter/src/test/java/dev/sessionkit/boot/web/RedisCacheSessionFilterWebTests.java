package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.RedisAvailability;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.boot.testing.TestServer;
import dev.sessionkit.boot.testing.WebTestApplication;
import dev.sessionkit.cache.CacheSessionStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cache backend over Redis, as an application gets it with {@code spring.cache.type=redis} and
 * {@code sessionkit.cache.name}: sessions stored as plain text (no Java serialization), each living
 * in Redis exactly as long as the session. Needs Redis at 127.0.0.1:6379.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisCacheSessionFilterWebTests {

  private final String cacheName = "sessionkit-test-" + UUID.randomUUID();
  private TestServer server;

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableCaching
  @Import(WebTestApplication.class)
  static class RedisCachingApplication {}

  @BeforeAll
  void startServer() {
    RedisAvailability.require();
    server =
        TestServer.start(
            RedisCachingApplication.class,
            Map.of(
                "spring.cache.type",
                "redis",
                "spring.data.redis.host",
                RedisAvailability.HOST,
                "spring.data.redis.port",
                RedisAvailability.PORT,
                "sessionkit.backend",
                "cache",
                "sessionkit.cache.name",
                cacheName));
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      StringRedisTemplate redis = server.bean(StringRedisTemplate.class);
      Set<String> keys = redis.keys(cacheName + "::*");
      if (keys != null && !keys.isEmpty()) {
        redis.delete(keys);
      }
      server.close();
    }
  }

  @Test
  void sessionsLiveInTheNamedRedisCache() {
    CacheSessionStore store = (CacheSessionStore) server.bean(SessionStore.class);

    assertThat(store.cache()).isInstanceOf(RedisCache.class);
    assertThat(store.cache().getName()).isEqualTo(cacheName);
  }

  @Test
  void sessionIsStoredAsPlainTextWithTheSessionsTimeToLive() {
    Browser browser = new Browser(server);
    HttpResponse<String> response = browser.get("/put?key=k&value=in-redis");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    StringRedisTemplate redis = server.bean(StringRedisTemplate.class);
    String stored = redis.opsForValue().get(cacheName + "::" + sessionKey);
    Long ttl = redis.getExpire(cacheName + "::" + sessionKey, TimeUnit.SECONDS);

    assertThat(stored).isNotNull();
    String[] lines = stored.split("\n", 2);
    assertThat(Instant.parse(lines[0])).isAfter(Instant.now().plusSeconds(1_209_500));
    assertThat(lines[1]).contains("\"k\"").contains("\"in-redis\"");
    assertThat(ttl).isBetween(1_209_500L, 1_209_600L);
    assertThat(browser.get("/get?key=k").body()).isEqualTo("in-redis");
  }

  @Test
  void logoutRemovesTheSessionFromRedis() {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=v");
    String sessionKey = browser.cookie("sessionid");

    browser.get("/flush");

    assertThat(server.bean(StringRedisTemplate.class).hasKey(cacheName + "::" + sessionKey))
        .isFalse();
  }

  @Test
  void sessionWithItsOwnExpiryGetsThatTimeToLive() {
    Browser browser = new Browser(server);
    HttpResponse<String> response = browser.get("/expired");
    String sessionKey = SetCookie.all(response.headers()).get(0).value();

    Long ttl =
        server
            .bean(StringRedisTemplate.class)
            .getExpire(cacheName + "::" + sessionKey, TimeUnit.MILLISECONDS);

    assertThat(ttl).isLessThanOrEqualTo(1L);
  }
}
