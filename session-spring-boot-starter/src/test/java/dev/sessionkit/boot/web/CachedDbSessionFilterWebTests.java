package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The session filter with the cached-db backend on an in-memory H2 database, the copies in the
 * in-process cache (Spring Boot's Redis auto-configuration is excluded, so there is no {@code
 * RedisConnectionFactory}).
 */
class CachedDbSessionFilterWebTests extends AbstractSessionFilterWebTests {

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "cached-db",
        "spring.datasource.url",
        "jdbc:h2:mem:web-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "spring.autoconfigure.exclude",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
  }

  @Override
  String backendName() {
    return "cached-db";
  }

  @Test
  void sessionIsARowOfTheTableAndACopyInTheInProcessCache() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=in-db");
    String sessionKey = browser.cookie("sessionid");

    Integer rows =
        server()
            .bean(JdbcTemplate.class)
            .queryForObject(
                "SELECT COUNT(*) FROM sessionkit_session WHERE session_key = ?",
                Integer.class,
                sessionKey);
    assertThat(rows).isEqualTo(1);
    assertThat(server().bean(SessionStore.class)).isInstanceOf(CachedDbSessionStore.class);
    assertThat(server().bean(SessionStore.class).toString())
        .contains("sessionkit_session")
        .contains("CacheSessionStore[cache sessionkit-cached-db]");
    assertThat(browser.get("/get?key=k").body()).isEqualTo("in-db");
  }
}
