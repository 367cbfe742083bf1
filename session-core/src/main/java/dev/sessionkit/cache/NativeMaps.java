package dev.sessionkit.cache;

import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/** The map view of an in-process cache, for the atomic operations Spring's {@link Cache} lacks. */
final class NativeMaps {

  private static final boolean CAFFEINE_PRESENT =
      isPresent("com.github.benmanes.caffeine.cache.Cache");

  private NativeMaps() {}

  @SuppressWarnings("unchecked")
  static @Nullable ConcurrentMap<Object, Object> of(Cache cache) {
    Object nativeCache = cache.getNativeCache();
    if (nativeCache instanceof ConcurrentMap<?, ?> map) {
      return (ConcurrentMap<Object, Object>) map;
    }
    if (CAFFEINE_PRESENT
        && nativeCache instanceof com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine) {
      return (ConcurrentMap<Object, Object>) caffeine.asMap();
    }
    return null;
  }

  /**
   * Whether the cache lives in this JVM and keeps the very objects put in it, so that it can hold
   * immutable records instead of their text: Caffeine, and Spring's concurrent map cache unless it
   * stores by value. A map-like cache that may copy or ship its values (a distributed map) gets
   * text.
   */
  static boolean keepsObjects(Cache cache) {
    if (cache instanceof ConcurrentMapCache concurrentMapCache) {
      return !concurrentMapCache.isStoreByValue();
    }
    return CAFFEINE_PRESENT
        && cache.getNativeCache() instanceof com.github.benmanes.caffeine.cache.Cache<?, ?>;
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, NativeMaps.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError ex) {
      return false;
    }
  }
}
