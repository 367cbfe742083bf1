package dev.sessionkit;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The base of every backend, and the whole backend SPI: a backend implements five small storage
 * operations on records that are keyed by an already validated key; everything else (keys, expiry,
 * the codec, Django's session semantics) lives here and in {@link Session}.
 *
 * <p>Implementations must be thread-safe and must wrap their own failures in a {@link
 * SessionStoreException} that names the backend.
 */
public abstract class AbstractSessionStore implements SessionStore {

  private static final System.Logger LOG = System.getLogger(AbstractSessionStore.class.getName());
  private static final int CREATE_ATTEMPTS = 10;

  private final SessionSettings settings;
  private volatile SessionStoreObserver observer = SessionStoreObserver.NONE;

  protected AbstractSessionStore(SessionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Registers the observer told about every load, save, create, delete and failure. */
  public final void setObserver(SessionStoreObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** The settings this store's sessions follow. */
  public final SessionSettings settings() {
    return settings;
  }

  @Override
  public final Session newSession() {
    return new StoredSession(this, null);
  }

  @Override
  public final Session open(@Nullable String sessionKey) {
    return new StoredSession(this, SessionKeys.isValid(sessionKey) ? sessionKey : null);
  }

  @Override
  public final boolean exists(@Nullable String sessionKey) {
    return SessionKeys.isValid(sessionKey) && contains(sessionKey);
  }

  @Override
  public final void delete(@Nullable String sessionKey) {
    if (SessionKeys.isValid(sessionKey)) {
      long start = System.nanoTime();
      observed(
          "delete",
          () -> {
            remove(sessionKey);
            return null;
          });
      observer.deleted(since(start));
    }
  }

  /**
   * Loads the record stored under {@code sessionKey}. It may return an expired record; it is
   * ignored. One round trip where the backend allows it.
   *
   * @return the record, or null when there is none
   * @throws UnreadableSessionDataException when the stored record cannot be read
   */
  protected abstract @Nullable SessionRecord load(String sessionKey);

  /**
   * Stores a record under a key that must not be in use, atomically (an insert that fails on a
   * duplicate, a put-if-absent; never a read then a write).
   *
   * @return false when a record already exists under {@code sessionKey}
   */
  protected abstract boolean insert(String sessionKey, SessionRecord record);

  /**
   * Replaces the record stored under {@code sessionKey}; never creates one.
   *
   * @return false when no record exists under {@code sessionKey} (it was deleted)
   */
  protected abstract boolean update(String sessionKey, SessionRecord record);

  /** Deletes the record stored under {@code sessionKey}, if any. */
  protected abstract void remove(String sessionKey);

  /**
   * Whether a record that has not expired is stored under {@code sessionKey}. The default loads it;
   * backends override it when they can answer more cheaply.
   */
  protected boolean contains(String sessionKey) {
    try {
      SessionRecord record = load(sessionKey);
      return record != null && !record.isExpiredAt(settings.clock().instant());
    } catch (UnreadableSessionDataException ex) {
      return true;
    }
  }

  /**
   * The data of the live session under {@code sessionKey}, or null when there is none (missing or
   * expired). Unreadable data loads as an empty map with a warning that never names the key.
   */
  final @Nullable Map<String, Object> read(String sessionKey) {
    long start = System.nanoTime();
    SessionRecord record;
    try {
      record = observed("load", () -> load(sessionKey));
    } catch (UnreadableSessionDataException ex) {
      observer.loaded(since(start), true);
      warnUnreadable(ex);
      return new LinkedHashMap<>();
    }
    boolean live = record != null && !record.isExpiredAt(settings.clock().instant());
    observer.loaded(since(start), live);
    if (!live) {
      return null;
    }
    try {
      return settings.codec().decode(record.data());
    } catch (UnreadableSessionDataException ex) {
      warnUnreadable(ex);
      return new LinkedHashMap<>();
    }
  }

  /** Must-create: stores {@code record} under {@code sessionKey} unless the key is in use. */
  final boolean create(String sessionKey, SessionRecord record) {
    long start = System.nanoTime();
    boolean created = observed("create", () -> insert(sessionKey, record));
    if (created) {
      observer.created(since(start));
    }
    return created;
  }

  /** Replaces the record under {@code sessionKey}; false when it was deleted meanwhile. */
  final boolean save(String sessionKey, SessionRecord record) {
    long start = System.nanoTime();
    boolean saved = observed("save", () -> update(sessionKey, record));
    if (saved) {
      observer.saved(since(start));
    }
    return saved;
  }

  /** Stores {@code record} under a fresh key, retrying on the (astronomically rare) collision. */
  final String createUnderNewKey(SessionRecord record) {
    for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      String key = SessionKeys.generate();
      if (create(key, record)) {
        return key;
      }
    }
    throw new SessionStoreException(
        this
            + " found "
            + CREATE_ATTEMPTS
            + " random session keys in use; is the random source broken?");
  }

  private <T> T observed(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (UnreadableSessionDataException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      observer.failed(operation, ex);
      throw ex;
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private void warnUnreadable(UnreadableSessionDataException ex) {
    LOG.log(
        Level.WARNING,
        "Session data in "
            + this
            + " could not be read ("
            + ex.getMessage()
            + "); the session starts empty");
  }
}
