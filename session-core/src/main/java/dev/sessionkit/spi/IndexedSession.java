package dev.sessionkit.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One live session of a principal, as a storage's principal index finds it: the session key and
 * what a list of the principal's sessions shows. For {@link SessionStorage#sessionsOf}; the engine
 * never hands the key out of the library.
 *
 * @param key the session key
 * @param created when the session was created, or null when unknown
 * @param saved when it was last saved, or null when unknown
 * @param expiry when it expires
 * @param data the session's encoded data when the storage read it anyway, else null: the engine
 *     reads the device details a login recorded in it (user agent, IP address), when there are any
 */
public record IndexedSession(
    String key,
    @Nullable Instant created,
    @Nullable Instant saved,
    Instant expiry,
    @Nullable String data) {

  public IndexedSession {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiry, "expiry");
  }

  /** Names neither the key (a secret) nor the data. */
  @Override
  public String toString() {
    return "IndexedSession[created=" + created + ", saved=" + saved + ", expiry=" + expiry + "]";
  }

  /** The entry of {@code record}, stored under {@code key}. */
  public static IndexedSession of(String key, StoredRecord record) {
    return new IndexedSession(
        key, record.created(), record.saved(), record.expiry(), record.data());
  }
}
