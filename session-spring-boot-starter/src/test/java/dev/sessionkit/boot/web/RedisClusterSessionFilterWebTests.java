package dev.sessionkit.boot.web;

import dev.sessionkit.testing.TestRedis;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The whole filter suite on the native Redis backend over a Redis Cluster of three masters on
 * 127.0.0.1:7000-7002 (as {@code .ci/run} starts it), through Spring Boot's cluster connection
 * factory ({@code spring.data.redis.cluster.nodes}), so sessions spread over every node. Skipped
 * when the cluster is not running, unless {@code -Dsessionkit.require-services=true}.
 */
class RedisClusterSessionFilterWebTests extends RedisSessionFilterWebTests {

  private static final List<String> NODES =
      List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002");

  @Override
  Map<String, Object> redisProperties() {
    return Map.of("spring.data.redis.cluster.nodes", String.join(",", NODES));
  }

  @Override
  String where() {
    return "Redis Cluster at " + String.join(", ", NODES);
  }

  @Override
  LettuceConnectionFactory probe() {
    return TestRedis.clusterConnectionFactory(NODES);
  }
}
