package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

/**
 * The session store contract on {@link CacheSessionStore} over the in-process Caffeine cache of
 * {@link SessionCaches#caffeine}. Records are reached directly in the cache, where each session is
 * one string: the expiry instant on the first line, the data after it.
 */
class CaffeineCacheSessionStoreTests extends SessionStoreContractTests
    implements ConcurrentSavesContract, PrincipalIndexContract {

  /** One cache per test, shared by every store the test creates. */
  private @Nullable Cache cache;

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new CacheSessionStore(cache(settings), settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    CacheRecords.corruptData(cache(settings), sessionKey, rawData);
  }

  @Override
  boolean isStored(String sessionKey) {
    return cache(settings).get(sessionKey) != null;
  }

  /** A second store over the same cache, as a second component of one application would have. */
  @Override
  public StorageSessionStore otherStore() {
    return new CacheSessionStore(cache(settings), settings);
  }

  @Override
  boolean clearExpiredDeletesRecords() {
    return false;
  }

  @Test
  void cachedValueThatIsNotASessionRecordLoadsAsAnEmptySession() {
    String notText = storedSession(Map.of("a", 1));
    String noExpiryLine = storedSession(Map.of("a", 1));
    CacheRecords.replace(cache(settings), notText, 42);
    CacheRecords.replace(cache(settings), noExpiryLine, "{\"a\": 1}");

    for (String key : new String[] {notText, noExpiryLine}) {
      Session session = store.open(key);
      assertThatNoException().isThrownBy(() -> session.get("a"));
      assertThat(session.keySet()).isEmpty();
    }
  }

  private Cache cache(SessionSettings settings) {
    Cache current = cache;
    if (current == null) {
      current = SessionCaches.caffeine("sessions", 10_000, settings.clock());
      cache = current;
    }
    return current;
  }
}
