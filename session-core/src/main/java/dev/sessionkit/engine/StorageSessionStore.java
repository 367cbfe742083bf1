package dev.sessionkit.engine;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
 * one compare-and-set on that version ({@link SessionStorage#replace}); when another instance saved
 * first, the engine reloads the record, applies the session's changes again to it and retries,
 * pausing for a growing random time, a bounded number of times, then gives up with a {@link
 * SessionConflictException}. Within this store, saves of one key take turns without colliding: the
 * store remembers the record it last wrote, and saves that arrive while a write of their key is in
 * flight apply their changes to it and are written together, once, when it lands ({@link
 * SaveStripe}). A record deleted meanwhile is never written again: the save throws {@link
 * SessionInterruptedException}. Only a conflict with another instance costs a reload; a session
 * never touched costs nothing, a read one load, a write at most one replace.
 *
 * <p>The database, file and cache backends are thin subclasses that only build their storage
 * ({@code JdbcSessionStore}, {@code FileSessionStore}, {@code CacheSessionStore}). Thread-safe; the
 * sessions it hands out are not (one request each).
 */
public class StorageSessionStore implements SessionStore, PrincipalSessions {

  private static final System.Logger LOG = System.getLogger(StorageSessionStore.class.getName());
  private static final int CREATE_ATTEMPTS = 10;

  /** How many times a save tries to write before it gives up on concurrent saves. */
  static final int SAVE_ATTEMPTS = 64;

  private static final int SAVE_STRIPES = 256;

  private final SessionStorage storage;
  private final SessionSettings settings;
  private final SessionExpiry expiry;
  private final SessionListeners listeners = new SessionListeners();
  private volatile OperationObserver observer = OperationObserver.NONE;

  /**
   * Whether loads may copy data decoded before ({@link DecodedSnapshot}): only with a codec that
   * decodes to plain JSON values, which a copy reproduces exactly.
   */
  private final boolean snapshotsDecodedData;

  /** Saves of one key take turns, and join the write in flight: see {@link SaveStripe}. */
  private final SaveStripe[] stripes = new SaveStripe[SAVE_STRIPES];

  /** A store keeping its sessions in {@code storage}, following {@code settings}. */
  public StorageSessionStore(SessionStorage storage, SessionSettings settings) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.expiry = new SessionExpiry(settings);
    this.snapshotsDecodedData = settings.codec().decodesToJsonValues();
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new SaveStripe();
    }
  }

  /** Adds a listener that hears every create, load, save, delete, expiry and failure. */
  public final void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  /**
   * Wraps every call to the storage in {@code observer} from now on, replacing the one set before
   * (by default none): for traces and timings of loads, saves, deletes and cleanups.
   */
  public final void observeWith(OperationObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
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
   * How many sessions the backend holds, when it can tell cheaply (an in-process cache); empty when
   * counting would read the whole store (a database table, a directory, Redis).
   */
  public final OptionalLong count() {
    return storage.count();
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
      deleteRecord(sessionKey);
    }
  }

  /**
   * Deletes the record under {@code sessionKey}; listeners hear {@code deleted} if there was one.
   */
  private boolean deleteRecord(String sessionKey) {
    long start = System.nanoTime();
    forgetWritten(sessionKey);
    if (observed(sessionKey, "delete", () -> storage.delete(sessionKey))) {
      Duration latency = since(start);
      listeners.tell(listener -> listener.deleted(sessionKey, latency));
      return true;
    }
    return false;
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
  public final boolean listsSessions() {
    return storage.capabilities().indexesPrincipals();
  }

  @Override
  public final List<PrincipalSession> sessionsOf(
      String principalName, @Nullable String currentSessionKey) {
    return indexedSessionsOf(principalName).stream()
        .map(found -> listed(found, found.key().equals(currentSessionKey)))
        .sorted(
            Comparator.comparing(
                    PrincipalSession::lastSaved, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(PrincipalSession::id))
        .toList();
  }

  /** How a listing shows {@code found}: no key, and the device details its data holds, if any. */
  private PrincipalSession listed(IndexedSession found, boolean current) {
    Map<String, ?> data = decodedOrEmpty(found.data());
    return new PrincipalSession(
        PrincipalSession.idOf(found.key()),
        current,
        found.created(),
        found.saved(),
        found.expiry(),
        data.get(PrincipalSessions.USER_AGENT_KEY) instanceof String agent ? agent : null,
        data.get(PrincipalSessions.IP_ADDRESS_KEY) instanceof String address ? address : null);
  }

  /** {@code encoded} decoded, or an empty map when there is none or it cannot be read. */
  private Map<String, ?> decodedOrEmpty(@Nullable String encoded) {
    if (encoded == null) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(settings.codec().decode(encoded));
    } catch (UnreadableSessionDataException ex) {
      return Map.of();
    }
  }

  @Override
  public final boolean revoke(String principalName, String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    if (sessionId.length() < PrincipalSession.ID_LENGTH) {
      return false;
    }
    boolean revoked = false;
    for (IndexedSession found : indexedSessionsOf(principalName)) {
      if (PrincipalSession.idOf(found.key()).equals(sessionId)) {
        revoke(principalName, found);
        revoked = true;
      }
    }
    return revoked;
  }

  @Override
  public final int revokeOthers(String principalName, @Nullable String currentSessionKey) {
    int revoked = 0;
    IndexedSession kept = null;
    for (IndexedSession found : indexedSessionsOf(principalName)) {
      if (!found.key().equals(currentSessionKey)) {
        revoke(principalName, found);
        revoked++;
      } else {
        kept = found;
      }
    }
    Map<String, ?> keptData =
        kept != null && isValid(kept.key()) ? decodedOrEmpty(encodedData(kept)) : Map.of();
    listeners.tell(listener -> listener.othersRevoked(principalName, keptData));
    return revoked;
  }

  /**
   * Deletes {@code found}, a session of {@code principalName}; when that deleted a record,
   * listeners hear {@code deleted}, then {@code revoked} with the data the session held.
   */
  private void revoke(String principalName, IndexedSession found) {
    String key = found.key();
    if (!isValid(key)) {
      return;
    }
    String encoded = encodedData(found);
    if (deleteRecord(key)) {
      Map<String, ?> data = decodedOrEmpty(encoded);
      listeners.tell(listener -> listener.revoked(principalName, data));
    }
  }

  /**
   * The encoded data of {@code found}: from the listing, or loaded when the storage's listing
   * carries none; null when there is none or it cannot be read.
   */
  private @Nullable String encodedData(IndexedSession found) {
    String encoded = found.data();
    if (encoded == null) {
      String key = found.key();
      StoredRecord record = observed(key, "load", () -> loadIfReadable(key));
      encoded = record != null ? record.data() : null;
    }
    return encoded;
  }

  private @Nullable StoredRecord loadIfReadable(String key) {
    try {
      return storage.load(key);
    } catch (UnreadableSessionDataException ex) {
      return null;
    }
  }

  private List<IndexedSession> indexedSessionsOf(String principalName) {
    Objects.requireNonNull(principalName, "principalName");
    if (!storage.capabilities().indexesPrincipals()) {
      throw new UnsupportedOperationException(
          this
              + " (backend "
              + storage.backend()
              + ") keeps no index of sessions by principal; the db, file, cache (in-process),"
              + " redis and cached-db backends keep one");
    }
    return observed(null, "list", () -> storage.sessionsOf(principalName, now()));
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
  record Loaded(
      Map<String, @Nullable Object> data,
      long version,
      @Nullable String encoded,
      @Nullable Instant created) {}

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
      return new Loaded(new LinkedHashMap<>(), StoredRecord.UNREADABLE_VERSION, null, null);
    }
    boolean live = record != null && !record.isExpiredAt(now());
    tellLoaded(sessionKey, live, start);
    if (!live) {
      return null;
    }
    return new Loaded(
        decodeLoaded(sessionKey, record.data()), record.version(), record.data(), record.created());
  }

  /**
   * The data of a loaded encoding, copied from the stripe's snapshot when it is of the same
   * encoding; the second load of an encoding keeps a snapshot (see {@link DecodedSnapshot}).
   */
  private Map<String, @Nullable Object> decodeLoaded(String sessionKey, String encoded) {
    SaveStripe stripe = stripeOf(sessionKey);
    DecodedSnapshot known = stripe.snapshot;
    boolean seenBefore = known != null && known.isOf(sessionKey, encoded);
    if (seenBefore && known.tree() != null) {
      return Objects.requireNonNull(DecodedSnapshot.copyOf(known.tree()));
    }
    Map<String, @Nullable Object> decoded = new LinkedHashMap<>();
    try {
      decoded.putAll(settings.codec().decode(encoded));
    } catch (UnreadableSessionDataException ex) {
      warnUnreadable(ex);
      return decoded;
    }
    if (encoded.length() <= DecodedSnapshot.MAX_ENCODED_LENGTH && snapshotsDecodedData) {
      stripe.snapshot =
          new DecodedSnapshot(
              sessionKey, encoded, seenBefore ? DecodedSnapshot.copyOf(decoded) : null);
    }
    return decoded;
  }

  /** Stores {@code data} under a fresh key, retrying on the (astronomically rare) collision. */
  Created create(Map<String, @Nullable Object> data) {
    StoredRecord record = record(data, 1, now());
    if (ownsKeys()) {
      return storeUnderOwnKey(
          record, "create", (key, latency) -> listener -> listener.created(key, latency));
    }
    Predicate<CharSequence> condition = storage.keyCondition(record);
    for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      String key = condition == null ? SessionKeys.generate() : keyMeeting(condition);
      if (insert(key, record)) {
        return new Created(key, record.data(), record.version(), record.created());
      }
    }
    throw new SessionStoreException(
        this
            + " found "
            + CREATE_ATTEMPTS
            + " random session keys in use; is the random source broken?");
  }

  /**
   * A key that meets the storage's condition for a new record or, when the search gives up (a
   * condition that no key can meet), a random key, with a warning: the storage stores it all the
   * same, less well placed.
   */
  private String keyMeeting(Predicate<CharSequence> condition) {
    String key = SessionKeys.generate(condition);
    if (key != null) {
      return key;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "No random session key met the key condition of "
            + storage
            + "; the session is stored under a key that does not (each such search costs"
            + " milliseconds)");
    return SessionKeys.generate();
  }

  /**
   * The key a new record was stored under, its encoded data, its version (as the storage counts it:
   * 1, or what the storage derives from the data) and its creation time.
   */
  record Created(String key, String encoded, long version, @Nullable Instant created) {}

  /** Whether the storage decides the keys: every save then yields a new key. */
  boolean ownsKeys() {
    return storage.capabilities().ownsKeyFormat();
  }

  /**
   * A save for a storage that owns its keys: the record goes to {@link SessionStorage#store} and
   * comes back as a new key. Nothing is shared between requests, so nothing is compared or merged.
   */
  Created saveUnderOwnKey(
      Map<String, @Nullable Object> data, long version, @Nullable Instant created) {
    return storeUnderOwnKey(
        record(data, Math.max(version, 0) + 1, created),
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
    return new Created(key, record.data(), record.version(), record.created());
  }

  /**
   * Writes {@code data} over the record under {@code sessionKey} if it still has {@code version};
   * otherwise applies {@code changes} to the record stored now and tries again. Values of {@code
   * data} that differ from {@code loadedEncoding} without a tracked change (changed in place) are
   * carried over as puts. While another save of the key is in flight in this store, the changes
   * join the batch that is written once it lands (see {@link SaveStripe}).
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
      @Nullable Instant created,
      SessionChanges changes) {
    long start = System.nanoTime();
    Merge merge = new Merge(data, version, loadedEncoding, created, changes);
    SaveStripe stripe = stripeOf(sessionKey);
    boolean interrupted = false;
    try {
      while (true) {
        SaveStripe.Batch batch = null;
        StoredRecord record = null;
        synchronized (stripe) {
          while (stripe.flight != null) {
            boolean cannotJoin =
                merge.savesAlone
                    || !stripe.flightJoinable
                    || !stripe.flight.key().equals(sessionKey);
            if (!cannotJoin && (stripe.next != null || stripe.blocked == 0)) {
              break;
            }
            // A save that cannot join blocks new batches behind the flight meanwhile, so that
            // the chain of batches of a busy key ends and the stripe comes free for it.
            if (cannotJoin) {
              stripe.blocked++;
            }
            try {
              interrupted |= stripe.awaitChange();
            } finally {
              if (cannotJoin) {
                stripe.blocked--;
              }
            }
          }
          if (stripe.flight == null) {
            record = startWriting(stripe, sessionKey, merge);
          } else {
            batch = join(stripe, merge);
          }
        }
        if (batch == null) {
          return writeAlone(stripe, sessionKey, merge, Objects.requireNonNull(record), start);
        }
        BatchOutcome outcome = awaitBatch(stripe, batch, merge, start);
        interrupted |= outcome.interrupted();
        if (outcome.saved() != null) {
          return outcome.saved();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What a save writes, and how it merges: see {@link #save}. */
  private final class Merge {

    private Map<String, @Nullable Object> current;
    private long expected;
    private @Nullable Instant created;
    private final @Nullable String loadedEncoding;
    private final SessionChanges changes;
    private int conflicts;
    private boolean untrackedEditsTaken;
    private boolean savesAlone;
    private int dissolved;

    Merge(
        Map<String, @Nullable Object> data,
        long version,
        @Nullable String loadedEncoding,
        @Nullable Instant created,
        SessionChanges changes) {
      this.current = data;
      this.expected = version;
      this.created = created;
      this.loadedEncoding = loadedEncoding;
      this.changes = changes;
    }

    /**
     * Applies this session's changes to {@code stored} (of {@code version}, created at {@code
     * storedCreated}) and expects that.
     */
    void onto(Map<String, @Nullable Object> stored, long version, @Nullable Instant storedCreated) {
      current = applyTo(stored);
      expected = version;
      created = storedCreated;
      conflicts++;
    }

    /** Applies this session's changes to {@code stored}, which it changes and returns. */
    Map<String, @Nullable Object> applyTo(Map<String, @Nullable Object> stored) {
      if (!untrackedEditsTaken) {
        changes.putUntrackedEdits(
            current, loadedEncoding == null ? new LinkedHashMap<>() : decode(loadedEncoding));
        untrackedEditsTaken = true;
      }
      return changes.applyTo(stored);
    }
  }

  /**
   * Under the stripe's monitor, with no write in flight: takes the turn to write. When this store
   * itself wrote the key since the session loaded it (the record it last wrote is newer), the
   * changes go onto that record at once, without a doomed write and a reload; the storage's version
   * check still guards against other instances.
   */
  private StoredRecord startWriting(SaveStripe stripe, String sessionKey, Merge merge) {
    SaveStripe.Written known = stripe.lastWritten;
    if (known != null
        && known.key().equals(sessionKey)
        && known.version() > merge.expected
        && !known.expiry().isBefore(now())) {
      merge.onto(decode(known.encoded()), known.version(), known.created());
    }
    StoredRecord record = record(merge.current, Math.max(merge.expected, 0) + 1, merge.created);
    stripe.flight = SaveStripe.Flight.of(sessionKey, record);
    return record;
  }

  /**
   * The save loop of the stripe's writer, outside the monitor. Conflicts can only come from other
   * instances (or other stores): each reloads and re-applies the changes, and from the second on
   * pauses first. Whatever happens, the flight ends and the batch behind it learns its fate.
   */
  private Loaded writeAlone(
      SaveStripe stripe, String sessionKey, Merge merge, StoredRecord first, long start) {
    StoredRecord record = first;
    SaveStripe.Written written = null;
    try {
      for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
        StoredRecord attempted = record;
        long expected = merge.expected;
        ReplaceOutcome outcome =
            observed(sessionKey, "save", () -> storage.replace(sessionKey, attempted, expected));
        if (outcome == ReplaceOutcome.REPLACED) {
          written = SaveStripe.Written.of(sessionKey, record);
          tellSaved(sessionKey, merge.conflicts, start);
          return new Loaded(merge.current, record.version(), record.data(), record.created());
        }
        synchronized (stripe) {
          stripe.lastWritten = null;
          stripe.flightJoinable = false;
          dissolveNext(stripe);
        }
        if (outcome == ReplaceOutcome.CONFLICT && attempt > 0) {
          pause(attempt);
        }
        Loaded stored = outcome == ReplaceOutcome.GONE ? null : reloadForMerge(sessionKey);
        if (stored == null) {
          throw new SessionInterruptedException(
              "The session was deleted before the request finished; it may have been logged out"
                  + " by another request");
        }
        merge.onto(stored.data(), stored.version(), stored.created());
        record = record(merge.current, Math.max(merge.expected, 0) + 1, merge.created);
        synchronized (stripe) {
          stripe.flight = SaveStripe.Flight.of(sessionKey, record);
          stripe.flightJoinable = true;
          stripe.notifyAll();
        }
      }
      SessionConflictException failure =
          new SessionConflictException(
              "The session was saved by other requests "
                  + SAVE_ATTEMPTS
                  + " times while this request tried to save it; this request's changes were not"
                  + " saved");
      listeners.tell(listener -> listener.failed(sessionKey, "save", failure));
      throw failure;
    } finally {
      synchronized (stripe) {
        land(stripe, written);
      }
    }
  }

  /**
   * Under the stripe's monitor, with a write of the session's key in flight: applies the session's
   * changes to the batch that follows the flight, created on the flight's record if there is none.
   */
  private SaveStripe.Batch join(SaveStripe stripe, Merge merge) {
    SaveStripe.Batch batch = stripe.next;
    SaveStripe.Flight flight = Objects.requireNonNull(stripe.flight);
    // Apply first: a member whose changes throw leaves neither a batch nor a change behind. Each
    // member works on its own decoded copy and leaves an encoding, so nothing it put is shared with
    // the next member, and a value that cannot be encoded fails the save that put it.
    String encoded =
        settings
            .codec()
            .encode(merge.applyTo(decode(batch == null ? flight.encoded() : batch.encoded)));
    if (batch == null) {
      batch = new SaveStripe.Batch(flight, encoded, merge);
      stripe.next = batch;
    } else {
      batch.encoded = encoded;
    }
    return batch;
  }

  /** How a member's wait for its batch ended: saved, or null when it must save again. */
  private record BatchOutcome(@Nullable Loaded saved, boolean interrupted) {}

  /**
   * A member's part once it joined: the first member writes the batch when the flight before it
   * lands; every member waits for the outcome. A dissolved batch sends its members back to save
   * again on their own.
   */
  private BatchOutcome awaitBatch(
      SaveStripe stripe, SaveStripe.Batch batch, Merge merge, long start) {
    boolean interrupted = false;
    SaveStripe.BatchState state;
    if (batch.leader == merge) {
      synchronized (stripe) {
        while (batch.state == SaveStripe.BatchState.OPEN) {
          interrupted |= stripe.awaitChange();
        }
        state = batch.state;
      }
    } else {
      // The other members only need the outcome: they wait on the batch, which wakes them once.
      interrupted = batch.awaitEnd();
      state = batch.state();
    }
    if (state == SaveStripe.BatchState.WRITING) {
      state = writeBatch(stripe, batch);
    }
    switch (state) {
      case WRITTEN -> {
        StoredRecord record = Objects.requireNonNull(batch.record);
        tellSaved(batch.key, merge.conflicts + 1, start);
        return new BatchOutcome(
            new Loaded(decode(record.data()), record.version(), record.data(), record.created()),
            interrupted);
      }
      case FAILED -> {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        RuntimeException failure = Objects.requireNonNull(batch.failure);
        if (batch.leader != merge) {
          listeners.tell(listener -> listener.failed(batch.key, "save", failure));
        }
        throw failure;
      }
      default -> {
        // Dissolved: save again; after two dissolved batches, alone, in the bounded retry loop.
        merge.savesAlone |= batch.membersSaveAlone || ++merge.dissolved >= 2;
        return new BatchOutcome(null, interrupted);
      }
    }
  }

  /** The batch's one write, by its first member; it is never retried, only dissolved. */
  private SaveStripe.BatchState writeBatch(SaveStripe stripe, SaveStripe.Batch batch) {
    StoredRecord record = Objects.requireNonNull(batch.record);
    SaveStripe.Written written = null;
    SaveStripe.BatchState state = SaveStripe.BatchState.DISSOLVED;
    try {
      ReplaceOutcome outcome =
          observed(batch.key, "save", () -> storage.replace(batch.key, record, batch.baseVersion));
      if (outcome == ReplaceOutcome.REPLACED) {
        written = SaveStripe.Written.of(batch.key, record);
        state = SaveStripe.BatchState.WRITTEN;
      }
    } catch (RuntimeException ex) {
      batch.failure = ex;
      state = SaveStripe.BatchState.FAILED;
    } finally {
      synchronized (stripe) {
        batch.moveTo(state);
        land(stripe, written);
      }
    }
    return state;
  }

  /**
   * Under the stripe's monitor: ends the flight, remembering the record it wrote (null when it
   * failed), and starts the batch behind it when it rests on that record; wakes every waiter.
   */
  private void land(SaveStripe stripe, SaveStripe.@Nullable Written written) {
    stripe.lastWritten = written;
    stripe.flight = null;
    stripe.flightJoinable = true;
    SaveStripe.Batch batch = stripe.next;
    stripe.next = null;
    try {
      if (batch != null) {
        if (written != null && batch.restsOn(written)) {
          try {
            StoredRecord record =
                record(decode(batch.encoded), batch.baseVersion + 1, batch.created);
            batch.record = record;
            batch.moveTo(SaveStripe.BatchState.WRITING);
            stripe.flight = SaveStripe.Flight.of(batch.key, record);
          } catch (RuntimeException ex) {
            // Too large together: each member saves alone, to learn which one it is.
            batch.membersSaveAlone = true;
            batch.moveTo(SaveStripe.BatchState.DISSOLVED);
          }
        } else {
          batch.moveTo(SaveStripe.BatchState.DISSOLVED);
        }
      }
    } finally {
      if (batch != null && batch.state == SaveStripe.BatchState.OPEN) {
        batch.moveTo(SaveStripe.BatchState.DISSOLVED);
      }
      stripe.notifyAll();
    }
  }

  /** Under the stripe's monitor: gives up the batch behind the flight, whose base did not land. */
  private static void dissolveNext(SaveStripe stripe) {
    SaveStripe.Batch batch = stripe.next;
    if (batch != null) {
      stripe.next = null;
      batch.moveTo(SaveStripe.BatchState.DISSOLVED);
      stripe.notifyAll();
    }
  }

  private void tellSaved(String sessionKey, int conflicts, long start) {
    Duration latency = since(start);
    listeners.tell(listener -> listener.saved(sessionKey, conflicts, latency));
  }

  private SaveStripe stripeOf(String sessionKey) {
    return stripes[Math.floorMod(sessionKey.hashCode(), stripes.length)];
  }

  /** Forgets the record last written under {@code sessionKey}: it is being deleted or created. */
  private void forgetWritten(String sessionKey) {
    SaveStripe stripe = stripeOf(sessionKey);
    synchronized (stripe) {
      SaveStripe.Written known = stripe.lastWritten;
      if (known != null && known.key().equals(sessionKey)) {
        stripe.lastWritten = null;
      }
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
      return new Loaded(decode(record.data()), record.version(), record.data(), record.created());
    } catch (UnreadableSessionDataException ex) {
      warnUnreadable(ex);
      return new Loaded(new LinkedHashMap<>(), StoredRecord.UNREADABLE_VERSION, null, null);
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
  private StoredRecord record(
      Map<String, @Nullable Object> data, long version, @Nullable Instant created) {
    String encoded = settings.codec().encode(data);
    int bytes = utf8Length(encoded);
    listeners.tell(listener -> listener.encoded(bytes));
    if (bytes > settings.maxSize()) {
      throw new SessionTooLargeException("The session data", bytes, settings.maxSize());
    }
    Instant now = now();
    return StoredRecord.builder()
        .data(encoded)
        .expiry(expiry.expiryDate(data, now))
        .version(storage.versionOf(encoded, version))
        .principal(
            data.get(PrincipalSessions.PRINCIPAL_NAME_KEY) instanceof String name ? name : null)
        .created(created)
        .saved(now)
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
      return observer.observe(operation, storage.backend(), call);
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
