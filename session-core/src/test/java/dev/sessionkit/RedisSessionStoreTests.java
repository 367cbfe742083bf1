package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.testing.LoopbackPorts;
import dev.sessionkit.testing.TestRedis;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The session store contract on {@link RedisSessionStore} over a standalone Redis (127.0.0.1:6379).
 * Skipped when Redis is not running, unless {@code -Dsessionkit.require-services=true}.
 */
class RedisSessionStoreTests extends RedisSessionStoreContractTests {

  @RegisterExtension static final TestRedis redis = TestRedis.local();

  @Override
  TestRedis redis() {
    return redis;
  }

  @Test
  void storeOnARedisThatIsNotListeningThrowsSessionStoreExceptionNamingThePrefix() {
    String key = storedSession(Map.of("a", 1));
    LettuceConnectionFactory unreachable =
        TestRedis.connectionFactory("127.0.0.1", LoopbackPorts.closed());
    try {
      RedisSessionStore down = new RedisSessionStore(unreachable, settings, keyPrefix());
      down.addListener(listener);
      Session stored = down.open(key);
      Session fresh = down.newSession();
      fresh.put("a", 1);

      assertFailsNamingThePrefix(() -> stored.get("a"), key);
      assertFailsNamingThePrefix(fresh::save, key);
      assertFailsNamingThePrefix(() -> down.exists(key), key);
      assertFailsNamingThePrefix(() -> down.delete(key), key);
      assertFailsNamingThePrefix(down::checkAvailable, key);
      assertThat(listener.failedOperations()).contains("load", "create", "check", "delete");
      assertThat(store.exists(key)).as("the record is untouched").isTrue();
    } finally {
      unreachable.destroy();
    }
  }

  private void assertFailsNamingThePrefix(ThrowingCallable operation, String key) {
    assertThatThrownBy(operation)
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining("Redis session store (prefix " + keyPrefix() + ")")
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(key));
  }
}
