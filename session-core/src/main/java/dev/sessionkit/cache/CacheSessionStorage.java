package dev.sessionkit.cache;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * Session records in a Spring {@link Cache}: caches that keep objects in this JVM (Caffeine, a
 * concurrent map cache not storing by value) hold the immutable {@link StoredRecord} itself, other
 * caches one string per session ({@link StoredRecord#toText()}).
 *
 * <p>Design. In-process caches (Caffeine, concurrent maps) are reached through their map view,
 * whose {@code compute} compares the version and writes atomically, so concurrent saves merge; they
 * keep the record object, so that a load parses nothing and hands back the very encoding the engine
 * may already have decoded. Spring's {@link Cache} has no compare-and-set: for any other cache
 * (Redis through its {@code CacheManager}) a replace reads, compares, then puts, and a save or a
 * delete landing in between is lost; {@link StorageCapabilities#compareAndSet()} says so. Deletes
 * use {@link Cache#evictIfPresent}, which is immediate where {@link Cache#evict} may be deferred.
 */
final class CacheSessionStorage implements SessionStorage {

  private final Cache cache;
  private final @Nullable ConcurrentMap<Object, Object> nativeMap;
  private final boolean keepsObjects;
  private final StorageCapabilities capabilities;

  CacheSessionStorage(Cache cache) {
    this.cache = cache;
    this.nativeMap = NativeMaps.of(cache);
    this.keepsObjects = nativeMap != null && NativeMaps.keepsObjects(cache);
    this.capabilities =
        StorageCapabilities.builder()
            .compareAndSet(nativeMap != null)
            .expiresRecordsItself(true)
            .indexesPrincipals(nativeMap != null)
            .build();
  }

  Cache cache() {
    return cache;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    ConcurrentMap<Object, Object> map = nativeMap;
    Object value =
        execute(
            "load",
            () -> {
              if (map != null) {
                return map.get(key);
              }
              Cache.ValueWrapper wrapper = cache.get(key);
              return wrapper == null ? null : wrapper.get();
            });
    if (value == null) {
      return null;
    }
    if (value instanceof StoredRecord record) {
      return record;
    }
    if (!(value instanceof String text)) {
      throw new UnreadableSessionDataException(
          "cached session is a " + value.getClass().getName() + ", not a session record");
    }
    return StoredRecord.fromText(text);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    ConcurrentMap<Object, Object> map = nativeMap;
    return execute(
        "create",
        () ->
            map != null
                ? map.putIfAbsent(key, valueOf(record)) == null
                : cache.putIfAbsent(key, record.toText()) == null);
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    ConcurrentMap<Object, Object> map = nativeMap;
    return execute(
        "save",
        () ->
            map != null
                ? replaceAtomically(map, key, valueOf(record), expectedVersion)
                : replaceByReadThenPut(key, record.toText(), expectedVersion));
  }

  @Override
  public boolean delete(String key) {
    ConcurrentMap<Object, Object> map = nativeMap;
    return Boolean.TRUE.equals(
        execute("delete", () -> map != null ? map.remove(key) != null : cache.evictIfPresent(key)));
  }

  /**
   * Scans the map of an in-process cache: no separate index to keep in step, and the scan is
   * bounded by the cache's maximum size (and costs no I/O).
   */
  @Override
  public List<IndexedSession> sessionsOf(String principal, Instant now) {
    ConcurrentMap<Object, Object> map = nativeMap;
    if (map == null) {
      return SessionStorage.super.sessionsOf(principal, now);
    }
    List<IndexedSession> sessions = new ArrayList<>();
    map.forEach(
        (key, value) -> {
          StoredRecord record = recordOrNull(value);
          if (key instanceof String sessionKey
              && record != null
              && !record.isExpiredAt(now)
              && principal.equals(record.principal())) {
            sessions.add(IndexedSession.of(sessionKey, record));
          }
        });
    return sessions;
  }

  /** The size of an in-process cache's map (Caffeine's is an estimate); no count for others. */
  @Override
  public OptionalLong count() {
    ConcurrentMap<Object, Object> map = nativeMap;
    return map == null ? OptionalLong.empty() : OptionalLong.of(map.size());
  }

  private static @Nullable StoredRecord recordOrNull(Object value) {
    if (value instanceof StoredRecord record) {
      return record;
    }
    if (value instanceof String text) {
      try {
        return StoredRecord.fromText(text);
      } catch (UnreadableSessionDataException ex) {
        return null;
      }
    }
    return null;
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
      ConcurrentMap<Object, Object> map, String key, Object value, long expectedVersion) {
    ReplaceOutcome[] outcome = {ReplaceOutcome.GONE};
    map.computeIfPresent(
        key,
        (k, stored) -> {
          if (versionOf(stored) != expectedVersion) {
            outcome[0] = ReplaceOutcome.CONFLICT;
            return stored;
          }
          outcome[0] = ReplaceOutcome.REPLACED;
          return value;
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

  /** What the cache holds for {@code record}: the record itself in a JVM-local cache, else text. */
  private Object valueOf(StoredRecord record) {
    return keepsObjects ? record : record.toText();
  }

  private static long versionOf(Object stored) {
    if (stored instanceof StoredRecord record) {
      return record.version();
    }
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
