package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.cache.Cache;

/** Direct access to session records in a Spring {@link Cache}, for the cache backends' tests. */
final class CacheRecords {

  private CacheRecords() {}

  /**
   * Replaces the data of the cached session under {@code sessionKey} with {@code rawData}, keeping
   * its expiry line (the first line of the cached string), so the record stays live.
   */
  static void corruptData(Cache cache, String sessionKey, String rawData) {
    String text = cache.get(sessionKey, String.class);
    assertThat(text).as("cached session record").isNotNull().contains("\n");
    replace(cache, sessionKey, text.substring(0, text.indexOf('\n') + 1) + rawData);
  }

  /**
   * Stores {@code value} under {@code key} so that the next lookup sees it: {@link Cache#put} may
   * be deferred (Spring Data Redis 4 writes asynchronously), evict-if-present and put-if-absent are
   * not.
   */
  static void replace(Cache cache, String key, Object value) {
    cache.evictIfPresent(key);
    assertThat(cache.putIfAbsent(key, value)).as("previous value").isNull();
  }
}
