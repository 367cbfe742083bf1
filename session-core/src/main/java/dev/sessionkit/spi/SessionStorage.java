package dev.sessionkit.spi;

import dev.sessionkit.UnreadableSessionDataException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps session records: the whole backend SPI. The engine ({@link
 * dev.sessionkit.engine.StorageSessionStore}) turns any storage into a {@link
 * dev.sessionkit.SessionStore}:
 *
 * <pre>{@code
 * SessionStore store = new StorageSessionStore(new MyStorage(), SessionSettings.defaults());
 * }</pre>
 *
 * <p>Keys reaching a storage have been validated by the engine (unless the storage {@linkplain
 * StorageCapabilities#ownsKeyFormat() owns the key format}); records carry their data already
 * encoded. Implementations are thread-safe, keep each operation to one round trip where the backend
 * allows it, and wrap their own failures in a {@link dev.sessionkit.SessionStoreException} whose
 * message names the backend but never a session key.
 */
public interface SessionStorage {

  /**
   * The record stored under {@code key}. It may return an expired record; the engine ignores it.
   *
   * @return the record, or null when there is none
   * @throws UnreadableSessionDataException when a record is stored but cannot be read; the engine
   *     then treats its version as {@link StoredRecord#UNREADABLE_VERSION}
   */
  @Nullable StoredRecord load(String key);

  /**
   * Stores {@code record} under a key that must not be in use, atomically (an insert that fails on
   * a duplicate, a put-if-absent; never a read then a write).
   *
   * @return false when a record is already stored under {@code key}
   */
  boolean insert(String key, StoredRecord record);

  /**
   * Replaces the record under {@code key} with {@code record} only if the stored one still has
   * {@code expectedVersion}; never creates a record.
   *
   * @return {@link ReplaceOutcome#REPLACED}, {@link ReplaceOutcome#CONFLICT} when another version
   *     is stored (or the storage cannot tell), or {@link ReplaceOutcome#GONE} when none is
   */
  ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion);

  /**
   * Deletes the record under {@code key}, if any.
   *
   * @return whether a record was deleted (listeners hear of a deletion only then)
   */
  boolean delete(String key);

  /**
   * Removes the records that expired at {@code now}, telling {@code removed} the key of each (so
   * listeners hear that the session expired). Storages that {@linkplain
   * StorageCapabilities#expiresRecordsItself() expire records themselves} remove nothing.
   *
   * @return how many records were removed
   */
  int removeExpired(Instant now, Consumer<String> removed);

  /**
   * For a storage that {@linkplain StorageCapabilities#ownsKeyFormat() owns the key format}: keeps
   * {@code record} and returns the key it can be loaded by, such as a cookie value that holds the
   * record itself. The engine calls it instead of {@link #insert} and {@link #replace}, so every
   * save of such a session yields a new key; nothing is compared and no record is shared between
   * requests. Other storages never receive it.
   *
   * @throws dev.sessionkit.SessionTooLargeException when the record does not fit the storage
   */
  default String store(StoredRecord record) {
    throw new UnsupportedOperationException(
        this + " does not own its key format; the engine inserts and replaces its records");
  }

  /**
   * The condition a key must meet to hold the new record {@code record}, or null when any key will
   * do (the default); the engine draws random keys until one meets it. A storage whose records
   * should sit beside something else uses it: Redis places a logged-in session in the hash slot of
   * its principal's index, so that one script writes both, on a Cluster too.
   *
   * <p>The engine varies the last characters of a random key before it draws another, so a
   * condition that holds for one key in 16,384 is met after some 16,000 tests of the condition:
   * keep it cheap. The condition reads each candidate as a {@link CharSequence} that the engine
   * reuses for the next one: read it, never keep it. When none of some hundred thousand candidates
   * meets it, the engine gives up and the record goes under a key that does not, which the storage
   * must still store. Keys keep their randomness: only the condition's bits (14 for a hash slot)
   * are spent.
   */
  default @Nullable Predicate<CharSequence> keyCondition(StoredRecord record) {
    return null;
  }

  /**
   * The version of the record of {@code data} that the engine is about to write, where {@code next}
   * is one more than the version it replaces (1 for a new record). Storages that store the version
   * keep {@code next} (the default). A storage over a table without a version column, such as
   * Django's, returns a version derived from the data, the same one {@link #load} reports for that
   * data, so that {@link #replace} compares the data the session loaded.
   */
  default long versionOf(String data, long next) {
    return next;
  }

  /**
   * For a storage that {@linkplain StorageCapabilities#indexesPrincipals() indexes principals}: the
   * sessions live at {@code now} whose record names {@code principal} (as {@link
   * StoredRecord#principal()}), in any order. A session deleted or expired, or whose record now
   * names another principal, is never among them, however the index is kept. Other storages never
   * receive it.
   */
  default List<IndexedSession> sessionsOf(String principal, Instant now) {
    throw new UnsupportedOperationException(this + " keeps no index of sessions by principal");
  }

  /**
   * How many sessions are stored (live or not yet removed), when the storage can tell without
   * reading them all (an in-process map); empty otherwise. For monitoring, never for logic.
   */
  default OptionalLong count() {
    return OptionalLong.empty();
  }

  /** What this storage can do. */
  StorageCapabilities capabilities();

  /**
   * The backend's short name for logs, metrics and health ({@code db}, {@code file}, {@code cache},
   * ...): low cardinality, no configuration in it.
   */
  String backend();

  /**
   * Whether a record that has not expired at {@code now} is stored under {@code key}. The default
   * loads it; override when the backend can answer more cheaply. An unreadable record counts as
   * present.
   */
  default boolean contains(String key, Instant now) {
    try {
      StoredRecord record = load(key);
      return record != null && !record.isExpiredAt(now);
    } catch (UnreadableSessionDataException ex) {
      return true;
    }
  }

  /**
   * Checks that the backend can serve requests now (the database answers, the directory is there
   * and writable), for health checks.
   *
   * @throws dev.sessionkit.SessionStoreException naming what is wrong
   */
  default void checkAvailable() {
    contains("sessionkithealthprobe", Instant.EPOCH);
  }
}
