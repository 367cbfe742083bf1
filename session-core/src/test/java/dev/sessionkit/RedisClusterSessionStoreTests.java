package dev.sessionkit;

import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session store contract on {@link RedisSessionStore} over a Redis Cluster of three masters on
 * 127.0.0.1:7000-7002 (as {@code .ci/run} starts it), so sessions spread over every node and hash
 * slot. Skipped when the cluster is not running, unless {@code -Dsessionkit.require-services=true}.
 */
class RedisClusterSessionStoreTests extends RedisSessionStoreContractTests {

  @RegisterExtension static final TestRedis redis = TestRedis.cluster();

  @Override
  TestRedis redis() {
    return redis;
  }
}
