package dev.sessionkit.cache;

import dev.sessionkit.AbstractSessionStore;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * Keeps sessions in a Spring {@link Cache}: Caffeine in-process ({@link SessionCaches#caffeine}),
 * Redis or any other through its {@code CacheManager}.
 *
 * <pre>{@code
 * SessionStore store = new CacheSessionStore(cacheManager.getCache("sessions"));
 * }</pre>
 *
 * <p>Each session is cached as one string (its expiry, then its data), so any value serializer that
 * handles strings works; configure a string serializer rather than Java serialization. The expiry
 * is checked from the stored record on every load, so a cache whose time-to-live is longer than a
 * session's never brings an expired session back. Must-create uses {@link Cache#putIfAbsent}.
 * Caches evict on their own: {@link #clearExpired()} removes nothing. A cache may also evict a live
 * session under memory pressure; use the database backend when that is not acceptable.
 */
public final class CacheSessionStore extends AbstractSessionStore {

  private final Cache cache;
  private final @Nullable ConcurrentMap<Object, Object> nativeMap;

  /** A store over {@code cache} with the default settings. */
  public CacheSessionStore(Cache cache) {
    this(cache, SessionSettings.defaults());
  }

  /** A store over {@code cache}. */
  public CacheSessionStore(Cache cache, SessionSettings settings) {
    super(settings);
    this.cache = cache;
    this.nativeMap = NativeMaps.of(cache);
  }

  /** The cache sessions are stored in. */
  public Cache cache() {
    return cache;
  }

  @Override
  protected @Nullable SessionRecord load(String sessionKey) {
    Object value =
        execute(
            "load",
            () -> {
              Cache.ValueWrapper wrapper = cache.get(sessionKey);
              return wrapper == null ? null : wrapper.get();
            });
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new UnreadableSessionDataException(
          "cached session is a " + value.getClass().getName() + ", not a string");
    }
    return SessionRecord.fromText(text);
  }

  @Override
  protected boolean insert(String sessionKey, SessionRecord record) {
    return execute("create", () -> cache.putIfAbsent(sessionKey, record.toText()) == null);
  }

  /**
   * Replaces a cached session. In-process caches (Caffeine, concurrent maps) replace atomically.
   * Spring's {@link Cache} has no replace-if-present, so for other caches (Redis) this is a read
   * then a {@link Cache#put}: a delete landing between the two can be undone. The cache must apply
   * the put before it returns, or the next request may not see the save: for Redis, build the
   * {@code RedisCacheWriter} with {@code immediateWrites()} (the starter does).
   */
  @Override
  protected boolean update(String sessionKey, SessionRecord record) {
    return execute(
        "save",
        () -> {
          String text = record.toText();
          if (nativeMap != null) {
            return nativeMap.replace(sessionKey, text) != null;
          }
          if (cache.get(sessionKey) == null) {
            return false;
          }
          cache.put(sessionKey, text);
          return true;
        });
  }

  /**
   * Removes a cached session at once, with {@link Cache#evictIfPresent}: {@link Cache#evict} may be
   * deferred (Spring Data Redis 4 evicts asynchronously over Lettuce), which would let a logged-out
   * session be loaded again and would hide a failing cache.
   */
  @Override
  protected void remove(String sessionKey) {
    execute("delete", () -> cache.evictIfPresent(sessionKey));
  }

  /** Returns 0: the cache expires sessions by itself. */
  @Override
  public int clearExpired() {
    return 0;
  }

  @Override
  public String toString() {
    return "CacheSessionStore[cache " + cache.getName() + "]";
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
