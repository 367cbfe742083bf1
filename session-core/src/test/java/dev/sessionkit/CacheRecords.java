package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.StoredRecord;
import org.springframework.cache.Cache;

/** Direct access to session records in a Spring {@link Cache}, for the cache backends' tests. */
final class CacheRecords {

  private CacheRecords() {}

  /**
   * Replaces the data of the cached session under {@code sessionKey} with {@code rawData}, keeping
   * its expiry and version, so the record stays live: in the record object an in-process cache
   * holds, or in the expiry line (the first line) of the string other caches hold.
   */
  static void corruptData(Cache cache, String sessionKey, String rawData) {
    Object cached = cache.get(sessionKey, Object.class);
    if (cached instanceof StoredRecord record) {
      replace(cache, sessionKey, record.toBuilder().data(rawData).build());
      return;
    }
    assertThat(cached).as("cached session record").isInstanceOf(String.class);
    String text = (String) cached;
    assertThat(text).contains("\n");
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
