package dev.sessionkit;

import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.testing.LoopbackPorts;
import dev.sessionkit.testing.TestDatabase;
import dev.sessionkit.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The session store contract on cached-db over PostgreSQL at 127.0.0.1:5432 with the copies in
 * Redis at 127.0.0.1:6379; skipped when either is not running, unless {@code
 * -Dsessionkit.require-services=true}. The copies live under a key prefix private to this run.
 */
class CachedDbPostgresqlRedisSessionStoreTests extends CachedDbSessionStoreContractTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();
  @RegisterExtension static final TestRedis redis = TestRedis.local();

  private static final String KEY_PREFIX = TestRedis.uniqueName("sessionkit-cached-db") + ":";

  @Override
  TestDatabase database() {
    return database;
  }

  @Override
  SessionStorage fast() {
    return RedisSessionStore.storage(redis.connectionFactory(), KEY_PREFIX);
  }

  @Test
  void redisThatIsNotListeningNeverFailsALoadSaveOrDelete() {
    String key = storedSession(Map.of("a", 1));
    LettuceConnectionFactory down =
        TestRedis.connectionFactory("127.0.0.1", LoopbackPorts.closed());
    try {
      StorageSessionStore degraded =
          CachedDbSessionStore.withRedis(database.dataSource(), down, settings);
      degraded.addListener(listener);

      assertFastFailuresAreSwallowed(degraded, key);
    } finally {
      down.destroy();
    }
  }
}
