package dev.sessionkit.cache;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.SessionStorage;
import org.springframework.cache.Cache;

/**
 * Keeps sessions in a Spring {@link Cache}: Caffeine in-process ({@link SessionCaches#caffeine}),
 * or any other through its {@code CacheManager}.
 *
 * <pre>{@code
 * SessionStore store = new CacheSessionStore(SessionCaches.caffeine("sessions", 100_000, clock));
 * }</pre>
 *
 * <p>A cache that keeps objects in this JVM (Caffeine, a concurrent map cache not storing by value)
 * holds each session's immutable record, so a load parses nothing; any other cache holds one string
 * per session (a header with its expiry and version, then its data), so any value serializer that
 * handles strings works; configure a string serializer rather than Java serialization. The expiry
 * is checked from the stored record on every load, so a cache whose time-to-live is longer than a
 * session's never brings an expired session back. Must-create uses {@link Cache#putIfAbsent}.
 * Caches evict on their own: {@link #clearExpired()} removes nothing. A cache may also evict a live
 * session under memory pressure; use the database backend when that is not acceptable.
 *
 * <p>Concurrent saves of one session merge on in-process caches, whose map view compares the
 * version and writes atomically. Spring's {@code Cache} has no compare-and-set, so over any other
 * cache (Redis through {@code RedisCacheManager}) the later save overwrites the earlier, and a
 * delete landing between a save's read and its write is undone: {@link #capabilities()}{@code
 * .compareAndSet()} is false there. Such a cache must also apply writes before it returns (for
 * Redis, a {@code RedisCacheWriter} with {@code immediateWrites()}).
 */
public final class CacheSessionStore extends StorageSessionStore {

  private final Cache cache;

  /** A store over {@code cache} with the default settings. */
  public CacheSessionStore(Cache cache) {
    this(cache, SessionSettings.defaults());
  }

  /** A store over {@code cache}. */
  public CacheSessionStore(Cache cache, SessionSettings settings) {
    super(new CacheSessionStorage(cache), settings);
    this.cache = cache;
  }

  /**
   * The storage under this store, for composites that combine it with another storage, such as
   * {@code dev.sessionkit.cacheddb.CachedDbSessionStore}: SPI, not meant for applications, which
   * use the constructors.
   */
  public static SessionStorage storage(Cache cache) {
    return new CacheSessionStorage(cache);
  }

  /** The cache sessions are stored in. */
  public Cache cache() {
    return cache;
  }
}
