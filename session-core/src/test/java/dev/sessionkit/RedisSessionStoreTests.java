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
import org.springframework.data.redis.connection.RedisConnection;
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

  @Test
  void saveAfterRedisForgotTheSaveScriptSendsTheScriptAgain() {
    Session earlier = storedSessionReopened();
    earlier.put("a", 2);
    earlier.save(); // Redis now has the script
    String key = earlier.getSessionKey();
    try (RedisConnection connection = redis.connectionFactory().getConnection()) {
      connection.scriptingCommands().scriptFlush();
    }

    Session session = store.open(key);
    session.put("a", 3);
    session.save();

    assertThat(store.open(key).get("a")).isEqualTo(3);
  }

  @Test
  void loadAfterTheFactoryResetItsSharedConnectionTakesTheNewOne() {
    LettuceConnectionFactory factory = TestRedis.connectionFactory("127.0.0.1", 6379);
    try {
      RedisSessionStore onFactory = new RedisSessionStore(factory, settings, keyPrefix());
      String key = storedSession(Map.of("a", 1));
      assertThat(onFactory.open(key).get("a")).isEqualTo(1);

      factory.resetConnection();

      assertThat(onFactory.open(key).get("a")).isEqualTo(1);
    } finally {
      factory.destroy();
    }
  }

  @Test
  void storeOnAConnectionFactoryThatDoesNotShareItsConnectionCreatesSavesLoadsAndDeletes() {
    LettuceConnectionFactory unshared = TestRedis.connectionFactory("127.0.0.1", 6379);
    unshared.setShareNativeConnection(false);
    try {
      RedisSessionStore onUnshared = new RedisSessionStore(unshared, settings, keyPrefix());
      Session created = onUnshared.newSession();
      created.put("a", 1);
      created.save();
      Session reopened = onUnshared.open(created.getSessionKey());
      reopened.put("b", 2);
      reopened.save();

      assertThat(store.open(created.getSessionKey()).keySet()).containsExactly("a", "b");
      onUnshared.delete(created.getSessionKey());
      assertThat(store.exists(created.getSessionKey())).isFalse();
    } finally {
      unshared.destroy();
    }
  }

  private void assertFailsNamingThePrefix(ThrowingCallable operation, String key) {
    assertThatThrownBy(operation)
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining("Redis session store (prefix " + keyPrefix() + ")")
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(key));
  }
}
