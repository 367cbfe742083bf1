package dev.sessionkit.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;

/**
 * Ready-made caches for {@link CacheSessionStore}.
 *
 * <pre>{@code
 * SessionStore store = new CacheSessionStore(SessionCaches.caffeine("sessions", 100_000, clock));
 * }</pre>
 */
public final class SessionCaches {

  private SessionCaches() {}

  /**
   * A bounded in-process Caffeine cache in which every session expires at its own expiry date, so
   * memory is given back as soon as a session ends. Needs Caffeine and spring-context-support.
   *
   * @param name the cache's name, shown in logs and metrics
   * @param maximumSize how many sessions to keep at most; the least recently used go first
   * @param clock the clock expiry dates are measured against (the stores' clock)
   */
  public static Cache caffeine(String name, long maximumSize, Clock clock) {
    return new CaffeineCache(
        name,
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfter(new SessionExpiry(clock))
            .build(),
        false);
  }

  /** Expires each cached session record at the expiry date it carries. */
  private record SessionExpiry(Clock clock) implements Expiry<Object, Object> {

    @Override
    public long expireAfterCreate(Object key, Object value, long currentTime) {
      return untilExpiry(value);
    }

    @Override
    public long expireAfterUpdate(
        Object key, Object value, long currentTime, long currentDuration) {
      return untilExpiry(value);
    }

    @Override
    public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long untilExpiry(Object value) {
      StoredRecord record;
      try {
        if (value instanceof StoredRecord stored) {
          record = stored;
        } else if (value instanceof String text) {
          record = StoredRecord.fromText(text);
        } else {
          return 0;
        }
      } catch (UnreadableSessionDataException ex) {
        return 0;
      }
      Instant now = clock.instant();
      long seconds = record.expiry().getEpochSecond() - now.getEpochSecond();
      if (seconds >= MAX_NANOS_IN_SECONDS) {
        return Long.MAX_VALUE; // beyond what nanoseconds hold (some 292 years): never
      }
      Duration remaining = Duration.ofSeconds(seconds, record.expiry().getNano() - now.getNano());
      return remaining.isNegative() ? 0 : remaining.toNanos();
    }

    /** The seconds below which a duration's nanoseconds fit in a {@code long}, with room. */
    private static final long MAX_NANOS_IN_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
  }
}
