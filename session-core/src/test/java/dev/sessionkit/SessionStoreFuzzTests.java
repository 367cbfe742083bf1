package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.ServiceAvailability;
import dev.sessionkit.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Property-based tests (jqwik) of what a client or a damaged store can hand a {@link SessionStore},
 * on the in-process backends (the db backend on H2, the file backend, the cache backend on
 * Caffeine) and on the native Redis backend, {@value #TRIES} cases per property and backend. The
 * Redis properties need Redis at 127.0.0.1:6379: skipped when it is down, failed instead with
 * {@code -Dsessionkit.require-services=true}; their Redis keys are under a prefix of this run and
 * deleted at the end; no Redis key is written for an invalid session key.
 *
 * <ul>
 *   <li>Session keys: any string (any Unicode, path fragments, NUL, lengths around the valid 8 to
 *       40) passed to {@code open} (then read), {@code exists} and {@code delete} never throws,
 *       never finds a session, and never creates a file: the session directory stays empty and its
 *       parent holds nothing but the directory.
 *   <li>Stored bytes: random text, random bytes, truncated JSON, nesting up to 20,000 levels, and
 *       values up to 1 MiB, written straight into the backend's storage for a live key, load as an
 *       empty session or as the JSON object they hold, never throw, and leave the session
 *       unmodified.
 * </ul>
 */
class SessionStoreFuzzTests {

  static final int TRIES = 10_000;

  /** The file backend's one lock file (striped by key hash; no file is named after a key). */
  private static final String LOCK_FILE = ".sessionkit-locks";

  /** Kept so the level set on it stays (JUL holds loggers weakly). */
  private static final Logger SESSIONKIT_LOGGER = Logger.getLogger("dev.sessionkit");

  private static Level loggerLevel;

  private static final String KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private static Path parent;
  private static Path directory;
  private static FileSessionStore fileStore;
  private static JdbcTemplate h2;
  private static JdbcSessionStore h2Store;
  private static Cache cache;
  private static CacheSessionStore cacheStore;

  @BeforeContainer
  static void createStores() throws IOException {
    // Thousands of unreadable records each log a warning (tested elsewhere); keep the output short.
    loggerLevel = SESSIONKIT_LOGGER.getLevel();
    SESSIONKIT_LOGGER.setLevel(Level.SEVERE);
    parent = Files.createTempDirectory("sessionkit-fuzz");
    directory = Files.createDirectory(parent.resolve("sessions"));
    fileStore = new FileSessionStore(directory);

    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:sessionkit_fuzz_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("dev/sessionkit/jdbc/schema-h2.sql"))
        .execute(dataSource);
    h2 = new JdbcTemplate(dataSource);
    h2Store = new JdbcSessionStore(dataSource);

    cache = SessionCaches.caffeine("sessionkit-fuzz", 100_000, Clock.systemUTC());
    cacheStore = new CacheSessionStore(cache);
  }

  @AfterContainer
  static void removeStores() throws IOException {
    SESSIONKIT_LOGGER.setLevel(loggerLevel);
    Redis connected = redis;
    if (connected != null) {
      Set<String> keys = connected.template.keys(connected.prefix + "*");
      if (!keys.isEmpty()) {
        connected.template.delete(keys);
      }
      connected.factory.destroy();
      redis = null;
    }
    if (h2 != null) {
      h2.execute("SHUTDOWN");
    }
    if (parent != null) {
      try (Stream<Path> paths = Files.walk(parent)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  // ---- session keys --------------------------------------------------------------------------

  @Property(tries = TRIES)
  void anyKeyOnTheFileBackendFindsNothingAndNeverTouchesTheFileSystem(@ForAll("keys") String key) {
    assertKeyFindsNothing(fileStore, key);
    assertThat(list(directory))
        .as("session directory: nothing but the store's one lock file")
        .allMatch(path -> path.getFileName().toString().equals(LOCK_FILE));
    assertThat(list(parent)).as("parent of the session directory").containsExactly(directory);
  }

  @Property(tries = TRIES)
  void anyKeyOnTheDbBackendFindsNothing(@ForAll("keys") String key) {
    assertKeyFindsNothing(h2Store, key);
    assertThat(h2.queryForObject("SELECT COUNT(*) FROM sessionkit_session", Integer.class))
        .isZero();
  }

  @Property(tries = TRIES)
  void anyKeyOnTheCacheBackendFindsNothing(@ForAll("keys") String key) {
    assertKeyFindsNothing(cacheStore, key);
  }

  @Property(tries = TRIES)
  @AddLifecycleHook(SkipUnlessRedisIsUp.class)
  void anyKeyOnTheRedisBackendFindsNothingAndWritesNoRedisKey(@ForAll("keys") String key) {
    Redis redis = redis();
    assertKeyFindsNothing(redis.store, key);
    assertThat(redis.template.keys(redis.prefix + "*")).isEmpty();
  }

  private static void assertKeyFindsNothing(SessionStore store, String key) {
    Session session = store.open(key);
    assertThat(session.get("a")).isNull();
    assertThat(session.keySet()).isEmpty();
    assertThat(session.getSessionKey()).isNull();
    assertThat(store.exists(key)).isFalse();
    store.delete(key);
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> fragments =
        Arbitraries.of(
                "..",
                ".",
                "/",
                "\\",
                "\u0000",
                "%2e%2e",
                "%2f",
                "~",
                "sessionkit-",
                ".tmp",
                "*",
                "?",
                ":",
                " ",
                "\n",
                "a1b2c3d4",
                "ABCDEFGH",
                "abcdefghabcdefghabcdefghabcdefgh")
            .list()
            .ofMaxSize(10)
            .map(parts -> String.join("", parts));
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(KEY_CHARACTERS).ofMaxLength(48),
        Arbitraries.strings().withChars(KEY_CHARACTERS + "./\\\u0000%-_~").ofMaxLength(64),
        Arbitraries.strings().ascii().ofMaxLength(64),
        fragments);
  }

  // ---- stored bytes --------------------------------------------------------------------------

  @Property(tries = TRIES)
  void anyStoredDataOnTheFileBackendLoadsWithoutThrowing(@ForAll("storedData") String data) {
    String key = liveSession(fileStore);
    Path file = directory.resolve("sessionkit-" + key);
    String text = read(file);
    write(file, text.substring(0, text.indexOf('\n') + 1) + data);
    assertLoadsAsEmptyOrAsTheObject(fileStore, key, data);
  }

  @Property(tries = TRIES)
  void anyStoredDataOnTheDbBackendLoadsWithoutThrowing(@ForAll("storedData") String data) {
    String key = liveSession(h2Store);
    int updated =
        h2.update(
            "UPDATE sessionkit_session SET session_data = ? WHERE session_key = ?", data, key);
    assertThat(updated).isEqualTo(1);
    assertLoadsAsEmptyOrAsTheObject(h2Store, key, data);
  }

  @Property(tries = TRIES)
  void anyStoredDataOnTheCacheBackendLoadsWithoutThrowing(@ForAll("storedData") String data) {
    String key = liveSession(cacheStore);
    CacheRecords.corruptData(cache, key, data);
    assertLoadsAsEmptyOrAsTheObject(cacheStore, key, data);
  }

  @Property(tries = TRIES)
  @AddLifecycleHook(SkipUnlessRedisIsUp.class)
  void anyStoredDataOnTheRedisBackendLoadsWithoutThrowing(@ForAll("storedData") String data) {
    Redis redis = redis();
    String key = liveSession(redis.store);
    String redisKey = redis.prefix + key;
    String text = redis.template.opsForValue().get(redisKey);
    assertThat(text).as("stored record").isNotNull();
    String corrupted = StoredRecord.fromText(text).toBuilder().data(data).build().toText();
    redis.template.opsForValue().set(redisKey, corrupted, Duration.ofHours(1));
    assertLoadsAsEmptyOrAsTheObject(redis.store, key, data);
  }

  private static String liveSession(SessionStore store) {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    return session.getSessionKey();
  }

  private static void assertLoadsAsEmptyOrAsTheObject(SessionStore store, String key, String data) {
    Session session = store.open(key);
    Object value = session.get("a");
    Set<String> names = session.keySet();
    if (names.isEmpty()) {
      assertThat(value).isNull();
    } else {
      assertThat(data.strip()).startsWith("{");
    }
    assertThat(session.isModified()).isFalse();
    assertThat(session.getSessionKey()).isEqualTo(key);
    store.delete(key);
    assertThat(store.exists(key)).isFalse();
  }

  @Provide
  Arbitrary<String> storedData() {
    Arbitrary<String> json = json(3);
    Arbitrary<String> objects = json(3).map(value -> "{\"a\": " + value + ", \"b\": \"c\"}");
    Arbitrary<String> truncated =
        Combinators.combine(objects, Arbitraries.doubles().between(0, 1))
            .as((text, fraction) -> text.substring(0, (int) (text.length() * fraction)));
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 20_000);
    Arbitrary<String> nested =
        Arbitraries.oneOf(
            depth.map("["::repeat),
            depth.map("{\"a\":"::repeat),
            depth.map(n -> "[".repeat(n) + "]".repeat(n)),
            depth.map(n -> "{\"a\":" + "[".repeat(n) + "]".repeat(n) + "}"),
            depth.map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 1 << 20);
    Arbitrary<String> huge =
        Arbitraries.oneOf(
            size.map(n -> "{\"a\": \"" + "x".repeat(n) + "\"}"),
            size.map(n -> "{\"a\": [" + "1,".repeat(n / 2) + "1]}"),
            size.map(n -> "{\"a\": \"" + "\\u00e9".repeat(n / 6 + 1) + "\"}"),
            size.map(n -> "9".repeat(n)));
    Arbitrary<String> randomBytes =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(2_000)
            .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.strings().all().ofMaxLength(500)),
        Tuple.of(15, randomBytes),
        Tuple.of(15, json),
        Tuple.of(15, objects),
        Tuple.of(20, truncated),
        Tuple.of(12, nested),
        Tuple.of(3, huge));
  }

  /** Random JSON values, nested up to {@code depth} levels. */
  private static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(20).map(SessionStoreFuzzTests::quote),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.of("true", "false", "null", "1e400", "-0", "NaN"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> lists = inner.list().ofMaxSize(4).map(items -> "[" + join(items) + "]");
    Arbitrary<String> maps =
        Combinators.combine(
                Arbitraries.strings().all().ofMaxLength(10).list().ofMaxSize(4),
                inner.list().ofSize(4))
            .as(
                (names, values) -> {
                  StringBuilder object = new StringBuilder("{");
                  for (int i = 0; i < names.size(); i++) {
                    object.append(i == 0 ? "" : ",").append(quote(names.get(i))).append(':');
                    object.append(values.get(i));
                  }
                  return object.append('}').toString();
                });
    return Arbitraries.oneOf(scalars, lists, maps);
  }

  private static String join(List<String> items) {
    return String.join(",", items);
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  // ---- Redis ---------------------------------------------------------------------------------

  private static final String REDIS = "Redis at 127.0.0.1:6379";

  private static @Nullable Redis redis;

  /** The native Redis backend under a key prefix of its own, connected on first use. */
  private record Redis(
      LettuceConnectionFactory factory,
      StringRedisTemplate template,
      RedisSessionStore store,
      String prefix) {}

  private static synchronized Redis redis() {
    Redis current = redis;
    if (current == null) {
      LettuceConnectionFactory factory = TestRedis.connectionFactory("127.0.0.1", 6379);
      String prefix = TestRedis.uniqueName("sessionkit-fuzz") + ":";
      current =
          new Redis(
              factory,
              new StringRedisTemplate(factory),
              new RedisSessionStore(factory, SessionSettings.defaults(), prefix),
              prefix);
      redis = current;
    }
    return current;
  }

  /**
   * Skips a Redis property when Redis is down, as {@link ServiceAvailability} does for JUnit tests:
   * unless {@code -Dsessionkit.require-services=true}, which makes it fail instead.
   */
  static final class SkipUnlessRedisIsUp implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      if (ServiceAvailability.servicesRequired()) {
        return SkipResult.doNotSkip();
      }
      LettuceConnectionFactory probe = TestRedis.connectionFactory("127.0.0.1", 6379);
      try (RedisConnection connection = probe.getConnection()) {
        connection.ping();
        return SkipResult.doNotSkip();
      } catch (RuntimeException ex) {
        return SkipResult.skip(REDIS + " is not reachable, skipped: " + ex.getMessage());
      } finally {
        probe.destroy();
      }
    }
  }

  // ---- files ---------------------------------------------------------------------------------

  private static List<Path> list(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
