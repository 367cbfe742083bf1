package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.testing.TestDatabase;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.support.NoOpCache;

/**
 * The session store contract on cached-db over H2 (in memory) with an in-process Caffeine cache.
 */
class CachedDbH2CaffeineSessionStoreTests extends CachedDbSessionStoreContractTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  /** One cache per test, shared by every store the test creates. */
  private @Nullable Cache cache;

  @Override
  TestDatabase database() {
    return database;
  }

  @Override
  SessionStorage fast() {
    return CacheSessionStore.storage(cache());
  }

  private Cache cache() {
    Cache current = cache;
    if (current == null) {
      current = SessionCaches.caffeine("sessions", 10_000, clock);
      cache = current;
    }
    return current;
  }

  @Test
  void cacheThatThrowsNeverFailsALoadSaveOrDelete() {
    String key = storedSession(Map.of("a", 1));
    StorageSessionStore degraded =
        new CachedDbSessionStore(database.dataSource(), new ThrowingCache(), settings);
    degraded.addListener(listener);

    assertFastFailuresAreSwallowed(degraded, key);
  }

  @Test
  void constructorWithADataSourceAndACacheUsesTheDefaultTable() {
    CachedDbSessionStore simple = new CachedDbSessionStore(database.dataSource(), cache());
    Session session = simple.newSession();
    session.put("a", 1);
    session.save();

    assertThat(simple.toString()).contains("table sessionkit_session").contains("cache sessions");
    assertThat(simple.open(session.getSessionKey()).get("a")).isEqualTo(1);
    assertThat(
            database
                .jdbc()
                .queryForObject(
                    "SELECT COUNT(*) FROM sessionkit_session WHERE session_key = ?",
                    Integer.class,
                    session.getSessionKey()))
        .isEqualTo(1);
  }

  @Test
  void storageThatOwnsItsKeyFormatIsRefused() {
    SessionStorage ownKeys =
        new CachedDbSessionStoreContractTests.FailingStorage() {
          @Override
          public StorageCapabilities capabilities() {
            return StorageCapabilities.builder().ownsKeyFormat(true).build();
          }
        };

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CachedDbSessionStore(durable(), ownKeys, settings))
        .withMessageContaining("owns its key format");
  }

  /** A cache whose every operation throws, as a broken cache provider would. */
  private static final class ThrowingCache extends NoOpCache {

    ThrowingCache() {
      super("broken");
    }

    @Override
    public @Nullable ValueWrapper get(Object key) {
      throw new IllegalStateException("cache is broken");
    }

    @Override
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
      throw new IllegalStateException("cache is broken");
    }

    @Override
    public void put(Object key, @Nullable Object value) {
      throw new IllegalStateException("cache is broken");
    }

    @Override
    public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
      throw new IllegalStateException("cache is broken");
    }

    @Override
    public boolean evictIfPresent(Object key) {
      throw new IllegalStateException("cache is broken");
    }
  }
}
