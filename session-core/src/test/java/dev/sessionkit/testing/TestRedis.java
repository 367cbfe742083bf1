package dev.sessionkit.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis for a test class, as a JUnit extension: a standalone Redis on 127.0.0.1:6379 ({@link
 * #local()}), the same Redis found through a Sentinel on 127.0.0.1:26379 ({@link #sentinel()}), or
 * a Redis Cluster with masters on 127.0.0.1:7000-7002 ({@link #cluster()}); {@code .ci/run} starts
 * all three:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestRedis redis = TestRedis.local();
 * ...
 * RedisCacheManager.builder(redis.connectionFactory()) ...
 * }</pre>
 *
 * <p>One Lettuce connection factory per JVM and server, closed when the test run ends; see {@link
 * ServiceAvailability} for what happens when Redis is down. Names made with {@link
 * #uniqueName(String)} are private to this run, and every key containing one is deleted at the end,
 * so concurrent runs do not see each other's data and nothing is left behind.
 */
public final class TestRedis implements BeforeEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(TestRedis.class);
  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;
  private static final List<String> CLUSTER_NODES =
      List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002");
  private static final String SENTINEL_MASTER = "sessionkit";
  private static final String SENTINEL_NODE = "127.0.0.1:26379";
  private static final String RUN_ID = runId();

  private final String server;
  private final Supplier<LettuceConnectionFactory> factories;
  private @Nullable LettuceConnectionFactory connectionFactory;

  private TestRedis(String server, Supplier<LettuceConnectionFactory> factories) {
    this.server = server;
    this.factories = factories;
  }

  /** Redis on 127.0.0.1:6379. */
  public static TestRedis local() {
    return new TestRedis("Redis at " + HOST + ":" + PORT, () -> connectionFactory(HOST, PORT));
  }

  /**
   * The Redis reached through the Sentinel on 127.0.0.1:26379 (as {@code .ci/run} starts it), which
   * names the master {@value #SENTINEL_MASTER}.
   */
  public static TestRedis sentinel() {
    return new TestRedis(
        "Redis Sentinel at " + SENTINEL_NODE + " (master " + SENTINEL_MASTER + ")",
        () -> sentinelConnectionFactory(SENTINEL_MASTER, SENTINEL_NODE));
  }

  /** The Redis Cluster whose masters listen on 127.0.0.1:7000, 7001 and 7002. */
  public static TestRedis cluster() {
    return new TestRedis(
        "Redis Cluster at " + String.join(", ", CLUSTER_NODES),
        () -> clusterConnectionFactory(CLUSTER_NODES));
  }

  /**
   * A Lettuce connection factory on {@code host:port} with short timeouts, started; the caller
   * destroys it. Useful on its own for a Redis that is down.
   */
  public static LettuceConnectionFactory connectionFactory(String host, int port) {
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), shortTimeouts());
    factory.afterPropertiesSet();
    return factory;
  }

  /**
   * A Lettuce connection factory on the master {@code master} that the Sentinel at {@code node}
   * ({@code host:port}) names, with short timeouts, started; the caller destroys it.
   */
  public static LettuceConnectionFactory sentinelConnectionFactory(String master, String node) {
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(
            new RedisSentinelConfiguration(master, Set.of(node)), shortTimeouts());
    factory.afterPropertiesSet();
    return factory;
  }

  private static LettuceClientConfiguration shortTimeouts() {
    return LettuceClientConfiguration.builder()
        .commandTimeout(Duration.ofSeconds(3))
        .shutdownTimeout(Duration.ZERO)
        .clientOptions(
            ClientOptions.builder()
                .socketOptions(
                    SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .build())
        .build();
  }

  /**
   * A Lettuce connection factory on the Redis Cluster reached through {@code nodes} ({@code
   * host:port}), with short timeouts, started; the caller destroys it.
   */
  public static LettuceConnectionFactory clusterConnectionFactory(List<String> nodes) {
    LettuceClientConfiguration client =
        LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(3))
            .shutdownTimeout(Duration.ZERO)
            .clientOptions(
                ClusterClientOptions.builder()
                    .socketOptions(
                        SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                    .build())
            .build();
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisClusterConfiguration(nodes), client);
    factory.afterPropertiesSet();
    return factory;
  }

  /**
   * A new connection factory on this extension's server, started and not yet connected, for a test
   * that needs a client of its own (to listen to the commands it sends); the caller destroys it.
   * Valid inside a test.
   */
  public LettuceConnectionFactory newConnectionFactory() {
    connectionFactory();
    return factories.get();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void beforeEach(ExtensionContext context) {
    ServiceAvailability<RunningRedis> availability =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(server, key -> start(), ServiceAvailability.class);
    connectionFactory = availability.require().factory;
  }

  /** The connection factory of this run; valid inside a test. */
  public RedisConnectionFactory connectionFactory() {
    LettuceConnectionFactory factory = connectionFactory;
    if (factory == null) {
      throw new IllegalStateException(
          "TestRedis is only available inside a test; register it"
              + " with @RegisterExtension on a static field");
    }
    return factory;
  }

  /**
   * {@code base} followed by an id private to this JVM, for cache names and key prefixes; keys
   * containing it are deleted when the run ends.
   */
  public static String uniqueName(String base) {
    return base + "-" + RUN_ID;
  }

  private ServiceAvailability<RunningRedis> start() {
    LettuceConnectionFactory factory = null;
    try {
      factory = factories.get();
      try (RedisConnection connection = factory.getConnection()) {
        connection.ping();
      }
      return ServiceAvailability.up(server, new RunningRedis(factory));
    } catch (RuntimeException ex) {
      if (factory != null) {
        factory.destroy();
      }
      return ServiceAvailability.down(server, ServiceAvailability.describe(ex));
    }
  }

  private static String runId() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      id.append(Character.forDigit(random.nextInt(36), 36));
    }
    return id.toString();
  }

  /** The started factory; closing deletes this run's keys, then destroys the factory. */
  private record RunningRedis(LettuceConnectionFactory factory) implements AutoCloseable {

    @Override
    public void close() {
      try (RedisConnection connection = factory.getConnection()) {
        byte[] pattern = ("*" + RUN_ID + "*").getBytes(StandardCharsets.UTF_8);
        Set<byte[]> keys = connection.keyCommands().keys(pattern);
        if (keys != null && !keys.isEmpty()) {
          connection.keyCommands().del(keys.toArray(new byte[0][]));
        }
      } finally {
        factory.destroy();
      }
    }
  }
}
