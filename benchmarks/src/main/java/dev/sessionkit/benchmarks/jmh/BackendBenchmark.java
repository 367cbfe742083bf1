package dev.sessionkit.benchmarks.jmh;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Each backend's load and save against its real server: H2 in memory, PostgreSQL and Redis on
 * loopback (system properties {@code bench.pg.url}, {@code bench.redis.host}, {@code
 * bench.redis.port}, {@code bench.redis.db}), Caffeine in process, and files in a temporary
 * directory. One thread, so the figures are round-trip latencies, not throughput under contention.
 *
 * <ul>
 *   <li>{@code load}: open a stored session by key and read one value (one read from the backend
 *       and one decode);
 *   <li>{@code save}: change a value of a loaded session and save it (one compare-and-set write);
 *   <li>{@code loadComputeSave}: what a request that increments a counter costs the backend;
 *   <li>{@code createAndDelete} and {@code createLoggedInAndDelete}: a new session, anonymous or
 *       naming its user (as at a login), then its deletion. On Redis the difference is the search
 *       for a key in the hash slot of the user's index (and the index entry its script writes).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BackendBenchmark {

  @Param({"h2", "postgresql", "redis", "caffeine", "file"})
  public String backend = "";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private SessionStore store = new CacheSessionStore(SessionCaches.caffeine("none", 1, clock()));
  private String key = "";
  private Session loaded = store.newSession();
  private int counter;

  @Setup
  public void openBackend() throws IOException {
    store = newStore();
    Session stored = store.newSession();
    stored.update(SampleData.typicalSession());
    stored.save();
    key = Objects.requireNonNull(stored.getSessionKey());
    loaded = store.open(key);
    loaded.get("n");
  }

  @TearDown
  public void closeBackend() throws Exception {
    store.delete(key);
    for (AutoCloseable resource : reversed(resources)) {
      resource.close();
    }
  }

  @Benchmark
  public Object load() {
    return store.open(key).get("n");
  }

  @Benchmark
  public void save() {
    loaded.put("n", ++counter);
    loaded.save();
  }

  @Benchmark
  public Integer loadComputeSave() {
    Session session = store.open(key);
    Integer n = session.compute("n", Integer.class, value -> value == null ? 1 : value + 1);
    session.save();
    return n;
  }

  @Benchmark
  public void createAndDelete() {
    Session session = store.newSession();
    session.put("n", 1);
    session.save();
    store.delete(session.getSessionKey());
  }

  @Benchmark
  public void createLoggedInAndDelete() {
    Session session = store.newSession();
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, "benchmark-user");
    session.save();
    store.delete(session.getSessionKey());
  }

  private SessionStore newStore() throws IOException {
    SessionSettings settings = SessionSettings.defaults();
    return switch (backend) {
      case "h2" -> jdbc("jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1", "sa", "h2", settings);
      case "postgresql" ->
          jdbc(
              System.getProperty(
                  "bench.pg.url",
                  "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=sessionkit_bench"),
              System.getProperty("bench.pg.user", "postgres"),
              "postgresql",
              settings);
      case "redis" -> new RedisSessionStore(redis(), settings);
      case "caffeine" ->
          new CacheSessionStore(
              SessionCaches.caffeine("benchmark", 100_000, settings.clock()), settings);
      case "file" -> new FileSessionStore(temporaryDirectory(), settings);
      default -> throw new IllegalArgumentException("Unknown backend: " + backend);
    };
  }

  private JdbcSessionStore jdbc(String url, String user, String dialect, SessionSettings settings) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(user);
    resources.add(dataSource);
    new ResourceDatabasePopulator(
            new ClassPathResource("dev/sessionkit/jdbc/schema-" + dialect + ".sql"))
        .execute(dataSource);
    return new JdbcSessionStore(dataSource, settings);
  }

  private LettuceConnectionFactory redis() {
    RedisStandaloneConfiguration configuration =
        new RedisStandaloneConfiguration(
            System.getProperty("bench.redis.host", "127.0.0.1"),
            Integer.getInteger("bench.redis.port", 6379));
    configuration.setDatabase(Integer.getInteger("bench.redis.db", 7));
    LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(configuration);
    connectionFactory.afterPropertiesSet();
    connectionFactory.start();
    resources.add(connectionFactory::destroy);
    return connectionFactory;
  }

  private Path temporaryDirectory() throws IOException {
    Path directory = Files.createTempDirectory("sessionkit-benchmark");
    resources.add(() -> deleteTree(directory));
    return directory;
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static List<AutoCloseable> reversed(List<AutoCloseable> list) {
    List<AutoCloseable> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }
}
