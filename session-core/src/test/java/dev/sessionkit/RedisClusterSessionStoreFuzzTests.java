package dev.sessionkit;

import dev.sessionkit.testing.TestRedis;
import java.util.List;
import net.jqwik.api.PropertyDefaults;

/** The fuzzing contract on the native Redis backend on the Redis Cluster at 127.0.0.1:7000-7002. */
@PropertyDefaults(tries = SessionStoreFuzzTests.SERVER_TRIES)
class RedisClusterSessionStoreFuzzTests extends SessionStoreFuzzTests {

  @Override
  FuzzedBackend openBackend() throws Exception {
    return FuzzedBackend.redis(
        "Redis Cluster at 127.0.0.1:7000-7002",
        TestRedis.clusterConnectionFactory(
            List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002")));
  }
}
