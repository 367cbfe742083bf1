package dev.sessionkit.cache;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * Session records in a Spring {@link Cache}, each as one string ({@link StoredRecord#toText()}).
 *
 * <p>Design. In-process caches (Caffeine, concurrent maps) are reached through their map view,
 * whose {@code compute} compares the version and writes atomically, so concurrent saves merge.
 * Spring's {@link Cache} has no compare-and-set: for any other cache (Redis through its {@code
 * CacheManager}) a replace reads, compares, then puts, and a save or a delete landing in between is
 * lost; {@link StorageCapabilities#compareAndSet()} says so. Deletes use {@link
 * Cache#evictIfPresent}, which is immediate where {@link Cache#evict} may be deferred.
 */
final class CacheSessionStorage implements SessionStorage {

  private final Cache cache;
  private final @Nullable ConcurrentMap<Object, Object> nativeMap;
  private final StorageCapabilities capabilities;

  CacheSessionStorage(Cache cache) {
    this.cache = cache;
    this.nativeMap = NativeMaps.of(cache);
    this.capabilities =
        StorageCapabilities.builder()
            .compareAndSet(nativeMap != null)
            .expiresRecordsItself(true)
            .build();
  }

  Cache cache() {
    return cache;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    Object value =
        execute(
            "load",
            () -> {
              Cache.ValueWrapper wrapper = cache.get(key);
              return wrapper == null ? null : wrapper.get();
            });
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new UnreadableSessionDataException(
          "cached session is a " + value.getClass().getName() + ", not a string");
    }
    return StoredRecord.fromText(text);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    return execute("create", () -> cache.putIfAbsent(key, record.toText()) == null);
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    String text = record.toText();
    ConcurrentMap<Object, Object> map = nativeMap;
    return execute(
        "save",
        () ->
            map != null
                ? replaceAtomically(map, key, text, expectedVersion)
                : replaceByReadThenPut(key, text, expectedVersion));
  }

  @Override
  public boolean delete(String key) {
    return Boolean.TRUE.equals(execute("delete", () -> cache.evictIfPresent(key)));
  }

  /** Removes nothing: the cache expires sessions by itself. */
  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    return 0;
  }

  @Override
  public StorageCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public String backend() {
    return "cache";
  }

  @Override
  public String toString() {
    return "CacheSessionStore[cache " + cache.getName() + "]";
  }

  private static ReplaceOutcome replaceAtomically(
      ConcurrentMap<Object, Object> map, String key, String text, long expectedVersion) {
    ReplaceOutcome[] outcome = {ReplaceOutcome.GONE};
    map.computeIfPresent(
        key,
        (k, stored) -> {
          if (versionOf(stored) != expectedVersion) {
            outcome[0] = ReplaceOutcome.CONFLICT;
            return stored;
          }
          outcome[0] = ReplaceOutcome.REPLACED;
          return text;
        });
    return outcome[0];
  }

  private ReplaceOutcome replaceByReadThenPut(String key, String text, long expectedVersion) {
    Cache.ValueWrapper stored = cache.get(key);
    Object value = stored == null ? null : stored.get();
    if (value == null) {
      return ReplaceOutcome.GONE;
    }
    if (versionOf(value) != expectedVersion) {
      return ReplaceOutcome.CONFLICT;
    }
    cache.put(key, text);
    return ReplaceOutcome.REPLACED;
  }

  private static long versionOf(Object stored) {
    return stored instanceof String text
        ? StoredRecord.versionOf(text)
        : StoredRecord.UNREADABLE_VERSION;
  }

  private <T> @Nullable T execute(String operation, Supplier<@Nullable T> call) {
    try {
      return call.get();
    } catch (UnreadableSessionDataException | SessionStoreException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new SessionStoreException(
          "Cache session store (cache "
              + cache.getName()
              + ") could not "
              + operation
              + " a session: "
              + ex.getMessage(),
          ex);
    }
  }
}
