package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.cookie.CookieRecords;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.TestDatabase;
import dev.sessionkit.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import org.springframework.cache.Cache;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One backend as {@link SessionStoreFuzzTests} fuzzes it: its store, a way to put any text in place
 * of a live session's stored data, and a check that its storage holds nothing. Opened once per test
 * class (the factories below connect to the real servers, outside JUnit Jupiter, in a schema,
 * database or key prefix of this run) and closed after it, which removes what it created.
 */
interface FuzzedBackend extends AutoCloseable {

  /** The store under test. */
  SessionStore store();

  /**
   * Replaces the stored data of the live session under {@code sessionKey} with {@code data},
   * written straight to the storage so the record stays live, and returns the key that now opens it
   * (a cookie store returns the new cookie; a case a cookie cannot hold is discarded).
   */
  String corrupt(String sessionKey, String data);

  /** Asserts that the storage holds no session record. */
  void assertNothingStored();

  /** Whether the store keeps a session's key when it loads (false: the key is the cookie). */
  default boolean keysAreServerSide() {
    return true;
  }

  @Override
  void close() throws Exception;

  // ---- the backends --------------------------------------------------------------------------

  /** The db backend on {@code database}, in a schema or database of its own. */
  static FuzzedBackend jdbc(TestDatabase database) throws Exception {
    TestDatabase.Standalone db = database.standalone("fuzz");
    JdbcSessionStore store = new JdbcSessionStore(db.dataSource());
    return new FuzzedBackend() {
      @Override
      public SessionStore store() {
        return store;
      }

      @Override
      public String corrupt(String sessionKey, String data) {
        updateRow(db, sessionKey, data);
        return sessionKey;
      }

      @Override
      public void assertNothingStored() {
        assertThat(rows(db)).as("rows").isZero();
      }

      @Override
      public void close() throws Exception {
        db.close();
      }
    };
  }

  /** The file backend on a private directory inside a temporary parent. */
  static FuzzedBackend file() throws IOException {
    Path parent = Files.createTempDirectory("sessionkit-fuzz");
    Path directory = Files.createDirectory(parent.resolve("sessions"));
    FileSessionStore store = new FileSessionStore(directory);
    return new FuzzedBackend() {
      /** The store's one lock file (striped by key hash; no file is named after a key). */
      private static final String LOCK_FILE = ".sessionkit-locks";

      @Override
      public SessionStore store() {
        return store;
      }

      @Override
      public String corrupt(String sessionKey, String data) {
        Path file = directory.resolve("sessionkit-" + sessionKey);
        try {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Files.write(
              file,
              (text.substring(0, text.indexOf('\n') + 1) + data).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
        return sessionKey;
      }

      /** Also: nothing was created outside the directory, nor in it but the lock file. */
      @Override
      public void assertNothingStored() {
        assertThat(list(directory))
            .as("session directory: nothing but the store's one lock file")
            .allMatch(path -> path.getFileName().toString().equals(LOCK_FILE));
        assertThat(list(parent)).as("parent of the session directory").containsExactly(directory);
      }

      @Override
      public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(parent)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(path);
          }
        }
      }
    };
  }

  /** The cache backend on an in-process Caffeine cache. */
  static FuzzedBackend caffeine() {
    Cache cache = SessionCaches.caffeine("sessionkit-fuzz", 100_000, Clock.systemUTC());
    CacheSessionStore store = new CacheSessionStore(cache);
    return new FuzzedBackend() {
      @Override
      public SessionStore store() {
        return store;
      }

      @Override
      public String corrupt(String sessionKey, String data) {
        CacheRecords.corruptData(cache, sessionKey, data);
        return sessionKey;
      }

      @Override
      public void assertNothingStored() {
        assertThat(caffeineEntries(cache)).as("cached entries").isZero();
      }

      @Override
      public void close() {
        cache.invalidate();
      }
    };
  }

  /**
   * The native Redis backend on a standalone Redis or a Redis Cluster, under a prefix of its own.
   */
  static FuzzedBackend redis(String server, LettuceConnectionFactory factory) {
    RedisKeys redis = RedisKeys.connect(server, factory, "sessionkit-fuzz");
    RedisSessionStore store =
        new RedisSessionStore(factory, SessionSettings.defaults(), redis.prefix());
    return new FuzzedBackend() {
      @Override
      public SessionStore store() {
        return store;
      }

      @Override
      public String corrupt(String sessionKey, String data) {
        String redisKey = redis.prefix() + sessionKey;
        String text = redis.template().opsForValue().get(redisKey);
        assertThat(text).as("stored record").isNotNull();
        String corrupted = StoredRecord.fromText(text).toBuilder().data(data).build().toText();
        redis.template().opsForValue().set(redisKey, corrupted, Duration.ofHours(1));
        return sessionKey;
      }

      @Override
      public void assertNothingStored() {
        assertThat(redis.keys()).as("Redis keys under the prefix").isEmpty();
      }

      @Override
      public void close() {
        redis.close();
      }
    };
  }

  /** cached-db: the table on {@code database} with copies in an in-process Caffeine cache. */
  static FuzzedBackend cachedDbCaffeine(TestDatabase database) throws Exception {
    TestDatabase.Standalone db = database.standalone("fuzz_cached");
    Cache cache = SessionCaches.caffeine("sessionkit-fuzz", 100_000, Clock.systemUTC());
    return cachedDb(db, CacheSessionStore.storage(cache), () -> caffeineEntries(cache), () -> {});
  }

  /** cached-db: the table on {@code database} with copies in Redis at 127.0.0.1:6379. */
  static FuzzedBackend cachedDbRedis(TestDatabase database) throws Exception {
    TestDatabase.Standalone db = database.standalone("fuzz_cached");
    RedisKeys redis;
    try {
      redis =
          RedisKeys.connect(
              "Redis at 127.0.0.1:6379",
              TestRedis.connectionFactory("127.0.0.1", 6379),
              "sessionkit-fuzz-cached-db");
    } catch (RuntimeException ex) {
      db.close();
      throw ex;
    }
    return cachedDb(
        db,
        RedisSessionStore.storage(redis.factory(), redis.prefix()),
        () -> redis.keys().size(),
        redis::close);
  }

  private static FuzzedBackend cachedDb(
      TestDatabase.Standalone db, SessionStorage fast, Counter copies, Runnable closeFast) {
    CachedDbSessionStore store =
        new CachedDbSessionStore(
            JdbcSessionStore.storage(db.dataSource(), TestDatabase.TABLE, Clock.systemUTC()),
            fast,
            SessionSettings.defaults());
    return new FuzzedBackend() {
      @Override
      public SessionStore store() {
        return store;
      }

      /** Corrupts the row and the fast copy alike. */
      @Override
      public String corrupt(String sessionKey, String data) {
        updateRow(db, sessionKey, data);
        StoredRecord copy = fast.load(sessionKey);
        assertThat(copy).as("fast copy").isNotNull();
        fast.delete(sessionKey);
        assertThat(fast.insert(sessionKey, copy.toBuilder().data(data).build())).isTrue();
        return sessionKey;
      }

      @Override
      public void assertNothingStored() {
        assertThat(rows(db)).as("rows").isZero();
        assertThat(copies.count()).as("fast copies").isZero();
      }

      @Override
      public void close() throws Exception {
        try {
          closeFast.run();
        } finally {
          db.close();
        }
      }
    };
  }

  /** A signed ({@code encrypted} false) or encrypted cookie backend. */
  static FuzzedBackend cookies(boolean encrypted) {
    String secret = "fuzz-cookie-secret-of-thirty-two-bytes-or-more";
    SessionStore store = CookieRecords.store(encrypted, secret);
    return new FuzzedBackend() {
      @Override
      public SessionStore store() {
        return store;
      }

      /** A cookie of this store holding {@code data}: discarded when no cookie can hold it. */
      @Override
      public String corrupt(String sessionKey, String data) {
        String cookie = CookieRecords.forge(encrypted, secret, data);
        Assume.that(cookie != null);
        return cookie;
      }

      /** Nothing to check: a cookie store keeps nothing on the server. */
      @Override
      public void assertNothingStored() {}

      @Override
      public boolean keysAreServerSide() {
        return false;
      }

      @Override
      public void close() {}
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A count taken from a storage. */
  @FunctionalInterface
  interface Counter {
    int count();
  }

  /** Discards data the database refuses to hold (PostgreSQL text cannot hold NUL). */
  private static void updateRow(TestDatabase.Standalone db, String sessionKey, String data) {
    int updated;
    try {
      updated =
          db.jdbc()
              .update(
                  "UPDATE " + TestDatabase.TABLE + " SET session_data = ? WHERE session_key = ?",
                  data,
                  sessionKey);
    } catch (DataIntegrityViolationException ex) {
      Assume.that(data.indexOf('\0') < 0);
      throw ex;
    }
    assertThat(updated).as("rows updated").isEqualTo(1);
  }

  private static int rows(TestDatabase.Standalone db) {
    Integer rows =
        db.jdbc().queryForObject("SELECT COUNT(*) FROM " + TestDatabase.TABLE, Integer.class);
    return rows == null ? 0 : rows;
  }

  private static int caffeineEntries(Cache cache) {
    return ((com.github.benmanes.caffeine.cache.Cache<?, ?>) cache.getNativeCache()).asMap().size();
  }

  private static List<Path> list(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A Redis connection and a key prefix private to this run; closing deletes its keys. */
  record RedisKeys(LettuceConnectionFactory factory, StringRedisTemplate template, String prefix)
      implements AutoCloseable {

    /** Connects (a ping) or destroys the factory and throws. */
    static RedisKeys connect(String server, LettuceConnectionFactory factory, String base) {
      try (RedisConnection connection = factory.getConnection()) {
        connection.ping();
      } catch (RuntimeException ex) {
        factory.destroy();
        throw new IllegalStateException(server + ": " + ex.getMessage(), ex);
      }
      return new RedisKeys(
          factory, new StringRedisTemplate(factory), TestRedis.uniqueName(base) + ":");
    }

    Set<String> keys() {
      return template.keys(prefix + "*");
    }

    @Override
    public void close() {
      try {
        for (String key : keys()) {
          template.delete(key);
        }
      } finally {
        factory.destroy();
      }
    }
  }
}
