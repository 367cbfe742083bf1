package dev.sessionkit.engine;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SessionStore} over any {@link SessionStorage}: the engine every backend shares.
 *
 * <pre>{@code
 * SessionStore store = new StorageSessionStore(new MyStorage(), SessionSettings.defaults());
 * }</pre>
 *
 * <p>Design. A storage only keeps records (encoded data, expiry, version); this class owns the
 * rest: session keys from {@code SecureRandom}, expiry, the codec, listeners, and the merge of
 * concurrent saves. A session remembers the version it loaded and what it changed since. A save is
 * one compare-and-set on that version ({@link SessionStorage#replace}); when another request saved
 * first, the engine reloads the record, applies the session's changes again to it and retries.
 * Saves of one key take turns within this store (a striped lock held across the write and its
 * merge), and the store remembers per stripe the record it last wrote, so parallel requests of one
 * visitor in this JVM merge onto it with one write, no reload and no pause; repeated conflicts can
 * only come from other instances, and those retries pause for a growing random time, a bounded
 * number of times, then give up with a {@link SessionConflictException}. A record deleted meanwhile
 * is never written again: the save throws {@link SessionInterruptedException}. Only a conflicting
 * save costs a reload; a session never touched costs nothing, a read one load, a write one replace.
 *
 * <p>The database, file and cache backends are thin subclasses that only build their storage
 * ({@code JdbcSessionStore}, {@code FileSessionStore}, {@code CacheSessionStore}). Thread-safe; the
 * sessions it hands out are not (one request each).
 */
public class StorageSessionStore implements SessionStore {

  private static final System.Logger LOG = System.getLogger(StorageSessionStore.class.getName());
  private static final int CREATE_ATTEMPTS = 10;

  /** How many times a save tries to write before it gives up on concurrent saves. */
  static final int SAVE_ATTEMPTS = 64;

  private static final int SAVE_LOCK_STRIPES = 256;

  private final SessionStorage storage;
  private final SessionSettings settings;
  private final SessionExpiry expiry;
  private final SessionListeners listeners = new SessionListeners();

  /**
   * Saves of one key within this store take turns, so that parallel requests of one visitor in this
   * JVM merge in one reload each instead of colliding again and again; only saves from other
   * instances (or other stores) can still conflict repeatedly, and only they pause.
   */
  private final ReentrantLock[] saveLocks = new ReentrantLock[SAVE_LOCK_STRIPES];

  /**
   * Per stripe, the record this store last wrote (written under the stripe's lock; cleared by a
   * delete or a create of its key).
   */
  private final AtomicReferenceArray<Written> lastWritten =
      new AtomicReferenceArray<>(SAVE_LOCK_STRIPES);

  /** A store keeping its sessions in {@code storage}, following {@code settings}. */
  public StorageSessionStore(SessionStorage storage, SessionSettings settings) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.expiry = new SessionExpiry(settings);
    for (int i = 0; i < saveLocks.length; i++) {
      saveLocks[i] = new ReentrantLock();
    }
  }

  /** Adds a listener that hears every create, load, save, delete, expiry and failure. */
  public final void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  /** Removes a listener added before; returns whether it was registered. */
  public final boolean removeListener(SessionListener listener) {
    return listeners.remove(listener);
  }

  /** The settings this store's sessions follow. */
  public final SessionSettings settings() {
    return settings;
  }

  /** What the backend can do: merge concurrent saves, expire records by itself, ... */
  public final StorageCapabilities capabilities() {
    return storage.capabilities();
  }

  /** The backend's short name ({@code db}, {@code file}, {@code cache}, ...). */
  public final String backend() {
    return storage.backend();
  }

  /**
   * Checks that the backend can serve requests now, for health checks.
   *
   * @throws SessionStoreException naming what is wrong
   */
  public final void checkAvailable() {
    storage.checkAvailable();
  }

  @Override
  public final Session newSession() {
    return new StoredSession(this, null);
  }

  @Override
  public final Session open(@Nullable String sessionKey) {
    return new StoredSession(this, isValid(sessionKey) ? sessionKey : null);
  }

  @Override
  public final boolean exists(@Nullable String sessionKey) {
    return isValid(sessionKey)
        && observed(sessionKey, "check", () -> storage.contains(sessionKey, now()));
  }

  @Override
  public final void delete(@Nullable String sessionKey) {
    if (isValid(sessionKey)) {
      long start = System.nanoTime();
      forgetWritten(sessionKey);
      if (observed(sessionKey, "delete", () -> storage.delete(sessionKey))) {
        Duration latency = since(start);
        listeners.tell(listener -> listener.deleted(sessionKey, latency));
      }
    }
  }

  /** Removes expired sessions; every listener hears {@code expired} once per removed record. */
  @Override
  public final int clearExpired() {
    return observed(
        null,
        "clear expired",
        () ->
            storage.removeExpired(now(), key -> listeners.tell(listener -> listener.expired(key))));
  }

  @Override
  public String toString() {
    return storage.toString();
  }

  // ---- what sessions ask of their store ----------------------------------------------------

  /**
   * A session's data, the version of the record it came from, and that record's encoded data (null
   * when unreadable), against which a merge finds values changed in place.
   */
  record Loaded(Map<String, @Nullable Object> data, long version, @Nullable String encoded) {}

  SessionExpiry expiry() {
    return expiry;
  }

  /**
   * The live session under {@code sessionKey}, or null when there is none (missing or expired).
   * Unreadable data loads as empty, with a warning that never names the key.
   */
  @Nullable Loaded load(String sessionKey) {
    long start = System.nanoTime();
    StoredRecord record;
    try {
      record = observed(sessionKey, "load", () -> storage.load(sessionKey));
    } catch (UnreadableSessionDataException ex) {
      tellLoaded(sessionKey, true, start);
      warnUnreadable(ex);
      return new Loaded(new LinkedHashMap<>(), StoredRecord.UNREADABLE_VERSION, null);
    }
    boolean live = record != null && !record.isExpiredAt(now());
    tellLoaded(sessionKey, live, start);
    if (!live) {
      return null;
    }
    return new Loaded(decode(record.data()), record.version(), record.data());
  }

  /** Stores {@code data} under a fresh key, retrying on the (astronomically rare) collision. */
  Created create(Map<String, @Nullable Object> data) {
    StoredRecord record = record(data, 1);
    if (ownsKeys()) {
      return storeUnderOwnKey(
          record, "create", (key, latency) -> listener -> listener.created(key, latency));
    }
    for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      String key = SessionKeys.generate();
      if (insert(key, record)) {
        return new Created(key, record.data());
      }
    }
    throw new SessionStoreException(
        this
            + " found "
            + CREATE_ATTEMPTS
            + " random session keys in use; is the random source broken?");
  }

  /** The key a new record was stored under, and its encoded data. */
  record Created(String key, String encoded) {}

  /** Whether the storage decides the keys: every save then yields a new key. */
  boolean ownsKeys() {
    return storage.capabilities().ownsKeyFormat();
  }

  /**
   * A save for a storage that owns its keys: the record goes to {@link SessionStorage#store} and
   * comes back as a new key. Nothing is shared between requests, so nothing is compared or merged.
   */
  Created saveUnderOwnKey(Map<String, @Nullable Object> data, long version) {
    return storeUnderOwnKey(
        record(data, Math.max(version, 0) + 1),
        "save",
        (key, latency) -> listener -> listener.saved(key, 0, latency));
  }

  private Created storeUnderOwnKey(
      StoredRecord record,
      String operation,
      BiFunction<String, Duration, Consumer<SessionListener>> event) {
    long start = System.nanoTime();
    String key = observed(null, operation, () -> storage.store(record));
    listeners.tell(event.apply(key, since(start)));
    return new Created(key, record.data());
  }

  /**
   * Must-create: stores {@code data} under {@code sessionKey} unless the key is in use.
   *
   * @return the encoded data stored, or null when the key is in use
   */
  @Nullable String create(String sessionKey, Map<String, @Nullable Object> data) {
    if (ownsKeys()) {
      throw new IllegalStateException("a storage that owns its keys takes no key from the engine");
    }
    StoredRecord record = record(data, 1);
    return insert(sessionKey, record) ? record.data() : null;
  }

  /**
   * Writes {@code data} over the record under {@code sessionKey} if it still has {@code version};
   * otherwise applies {@code changes} to the record stored now and tries again. Values of {@code
   * data} that differ from {@code loadedEncoding} without a tracked change (changed in place) are
   * carried over as puts.
   *
   * @return the data and version now stored
   * @throws SessionInterruptedException when the record was deleted
   * @throws SessionConflictException when every attempt found another save in its way
   */
  Loaded save(
      String sessionKey,
      Map<String, @Nullable Object> data,
      long version,
      @Nullable String loadedEncoding,
      SessionChanges changes) {
    int stripe = Math.floorMod(sessionKey.hashCode(), saveLocks.length);
    saveLocks[stripe].lock();
    try {
      return saveHoldingTheStripesLock(
          stripe, sessionKey, new Merge(data, version, loadedEncoding, changes));
    } finally {
      saveLocks[stripe].unlock();
    }
  }

  /** What a save writes, and how it merges: see {@link #save}. */
  private final class Merge {

    private Map<String, @Nullable Object> current;
    private long expected;
    private final @Nullable String loadedEncoding;
    private final SessionChanges changes;
    private int conflicts;

    Merge(
        Map<String, @Nullable Object> data,
        long version,
        @Nullable String loadedEncoding,
        SessionChanges changes) {
      this.current = data;
      this.expected = version;
      this.loadedEncoding = loadedEncoding;
      this.changes = changes;
    }

    /** Applies this session's changes to {@code stored} (of {@code version}) and expects that. */
    void onto(Map<String, @Nullable Object> stored, long version) {
      if (conflicts == 0) {
        changes.putUntrackedEdits(
            current, loadedEncoding == null ? new LinkedHashMap<>() : decode(loadedEncoding));
      }
      current = changes.applyTo(stored);
      expected = version;
      conflicts++;
    }
  }

  /**
   * The save loop, holding the lock of the key's stripe. When this store itself wrote the key since
   * the session loaded it (the record it last wrote for the stripe is newer), the changes go onto
   * that record at once, without a doomed write and a reload; the storage's version check still
   * guards against other instances.
   */
  private Loaded saveHoldingTheStripesLock(int stripe, String sessionKey, Merge merge) {
    long start = System.nanoTime();
    Written known = lastWritten.get(stripe);
    if (known != null
        && known.key().equals(sessionKey)
        && known.version() > merge.expected
        && !known.expiry().isBefore(now())) {
      merge.onto(decode(known.encoded()), known.version());
    }
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      long next = Math.max(merge.expected, 0) + 1;
      StoredRecord record = record(merge.current, next);
      long expected = merge.expected;
      ReplaceOutcome outcome =
          observed(sessionKey, "save", () -> storage.replace(sessionKey, record, expected));
      if (outcome == ReplaceOutcome.REPLACED) {
        lastWritten.set(stripe, new Written(sessionKey, next, record.data(), record.expiry()));
        Duration latency = since(start);
        int merged = merge.conflicts;
        listeners.tell(listener -> listener.saved(sessionKey, merged, latency));
        return new Loaded(merge.current, next, record.data());
      }
      lastWritten.set(stripe, null);
      if (outcome == ReplaceOutcome.CONFLICT && attempt > 0) {
        // Other instances keep winning: let this store's other saves of the stripe go meanwhile.
        ReentrantLock lock = saveLocks[stripe];
        lock.unlock();
        try {
          pause(attempt);
        } finally {
          lock.lock();
        }
      }
      Loaded stored = outcome == ReplaceOutcome.GONE ? null : reloadForMerge(sessionKey);
      if (stored == null) {
        throw new SessionInterruptedException(
            "The session was deleted before the request finished; it may have been logged out by"
                + " another request");
      }
      merge.onto(stored.data(), stored.version());
    }
    SessionConflictException failure =
        new SessionConflictException(
            "The session was saved by other requests "
                + SAVE_ATTEMPTS
                + " times while this request tried to save it; this request's changes were not"
                + " saved");
    listeners.tell(listener -> listener.failed(sessionKey, "save", failure));
    throw failure;
  }

  /** The record this store last wrote under a key, kept per lock stripe. */
  private record Written(String key, long version, String encoded, Instant expiry) {}

  /** Forgets the record last written under {@code sessionKey}: it is being deleted or created. */
  private void forgetWritten(String sessionKey) {
    int stripe = Math.floorMod(sessionKey.hashCode(), SAVE_LOCK_STRIPES);
    Written known = lastWritten.get(stripe);
    if (known != null && known.key().equals(sessionKey)) {
      lastWritten.compareAndSet(stripe, known, null);
    }
  }

  /** Converts a stored value, or reads it as absent with a warning when it no longer converts. */
  <T> @Nullable T convert(
      @Nullable String sessionKey, String dataKey, @Nullable Object value, Class<T> type) {
    if (value == null) {
      return null;
    }
    try {
      return settings.codec().convert(value, type);
    } catch (IllegalArgumentException ex) {
      LOG.log(
          Level.WARNING,
          "Session value '"
              + dataKey
              + "' cannot be read as "
              + type.getName()
              + " (stored in another shape, perhaps by an older release); it reads as absent");
      listeners.tell(listener -> listener.unconvertibleValue(sessionKey, dataKey, type));
      return null;
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private boolean isValid(@Nullable String sessionKey) {
    if (storage.capabilities().ownsKeyFormat()) {
      return sessionKey != null && !sessionKey.isBlank();
    }
    return SessionKeys.isValid(sessionKey);
  }

  /** The record as stored now, for a merge; a record that expired meanwhile counts as deleted. */
  private @Nullable Loaded reloadForMerge(String sessionKey) {
    try {
      StoredRecord record = observed(sessionKey, "load", () -> storage.load(sessionKey));
      if (record == null || record.isExpiredAt(now())) {
        return null;
      }
      return new Loaded(decode(record.data()), record.version(), record.data());
    } catch (UnreadableSessionDataException ex) {
      warnUnreadable(ex);
      return new Loaded(new LinkedHashMap<>(), StoredRecord.UNREADABLE_VERSION, null);
    }
  }

  private boolean insert(String sessionKey, StoredRecord record) {
    forgetWritten(sessionKey);
    long start = System.nanoTime();
    boolean created = observed(sessionKey, "create", () -> storage.insert(sessionKey, record));
    if (created) {
      Duration latency = since(start);
      listeners.tell(listener -> listener.created(sessionKey, latency));
    }
    return created;
  }

  private Map<String, @Nullable Object> decode(String data) {
    try {
      Map<String, @Nullable Object> decoded = new LinkedHashMap<>();
      decoded.putAll(settings.codec().decode(data));
      return decoded;
    } catch (UnreadableSessionDataException ex) {
      warnUnreadable(ex);
      return new LinkedHashMap<>();
    }
  }

  /**
   * The record of {@code data}, encoded, checked against the settings' maximum size, and counted in
   * the listeners' size histogram.
   *
   * @throws SessionTooLargeException when the encoded data is over the maximum size
   */
  private StoredRecord record(Map<String, @Nullable Object> data, long version) {
    String encoded = settings.codec().encode(data);
    int bytes = utf8Length(encoded);
    listeners.tell(listener -> listener.encoded(bytes));
    if (bytes > settings.maxSize()) {
      throw new SessionTooLargeException("The session data", bytes, settings.maxSize());
    }
    return StoredRecord.builder()
        .data(encoded)
        .expiry(expiry.expiryDate(data, now()))
        .version(version)
        .build();
  }

  private Instant now() {
    return settings.clock().instant();
  }

  /** The length of {@code text} in UTF-8, without encoding it. */
  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private void tellLoaded(String sessionKey, boolean found, long start) {
    Duration latency = since(start);
    listeners.tell(listener -> listener.loaded(sessionKey, found, latency));
  }

  private <T> T observed(@Nullable String sessionKey, String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (UnreadableSessionDataException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      listeners.tell(listener -> listener.failed(sessionKey, operation, ex));
      throw ex;
    }
  }

  /**
   * A random pause before a retry, up to a bound that doubles with each conflict (0.2 ms, 0.4 ms,
   * ... 25 ms), so that parallel saves of one session spread out instead of colliding again. It
   * comes before the reload, so that the reload and the retried write follow each other closely.
   */
  private static void pause(int conflicts) {
    long maxMicros = Math.min(200L << Math.min(conflicts, 7), 25_000);
    LockSupport.parkNanos(
        TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros + 1)));
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
