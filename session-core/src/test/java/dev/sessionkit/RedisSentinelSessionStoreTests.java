package dev.sessionkit;

import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session store contract on {@link RedisSessionStore} through a Redis Sentinel: the connection
 * factory asks the Sentinel on 127.0.0.1:26379 (as {@code .ci/run} starts it) for the master it
 * calls {@code sessionkit}, the Redis on 127.0.0.1:6379. Skipped when the Sentinel is not running,
 * unless {@code -Dsessionkit.require-services=true}.
 */
class RedisSentinelSessionStoreTests extends RedisSessionStoreContractTests {

  @RegisterExtension static final TestRedis redis = TestRedis.sentinel();

  @Override
  TestRedis redis() {
    return redis;
  }
}
