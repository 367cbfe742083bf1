package dev.sessionkit.cacheddb;

import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Session records kept in a durable storage, with a copy of each in a fast one.
 *
 * <p>Design. The durable storage is the truth; the fast one only holds copies, and a copy is only
 * ever written from what the durable storage holds. A load reads the copy; on a miss it loads the
 * durable record and puts a copy in (insert if absent, never over another copy). A save writes the
 * durable record first, with the version check; when that succeeds, the copy is moved on with the
 * same version check, so a copy is only overwritten by its direct successor. When the durable
 * storage answers {@link ReplaceOutcome#CONFLICT} or {@link ReplaceOutcome#GONE}, the copy is
 * deleted before the outcome goes back to the engine, so the engine's reload reaches the durable
 * record and a stale copy can never cause one conflict after another. A delete removes the durable
 * record, then the copy.
 *
 * <p>A copy put in after a miss could race a save or a delete of another request (read the durable
 * record, the other request writes or deletes both, then the copy goes in). So after inserting a
 * copy, the durable record is read once more, and a copy whose version is no longer the durable one
 * is deleted: a logout is never undone by a read that ran beside it. A miss therefore costs two
 * durable reads and one fast write; a hit costs one fast read; a save one durable and one fast
 * write.
 *
 * <p>The fast storage may fail: every failure there is logged (a warning when it starts failing,
 * then at debug level until it answers again, never with a session key) and the operation carries
 * on with the durable storage alone, as Django's cached_db does since ticket 34806; after a failure
 * that was slow (a timeout), the fast storage is left alone for a second but for one call that
 * finds out whether it answers again, so that requests do not each wait for the timeout. A copy
 * that a failed write left behind is at worst stale, which the version checks above correct on the
 * next save. A copy that a failed delete left behind (a logout's) is read from the durable storage
 * by this instance, and deleted as soon as the fast storage answers it again (all of them, the
 * first thousand at once and the rest on a thread of their own); other instances sharing the fast
 * storage read it until then. Past {@value #MAX_DISTRUSTED} such keys, this instance stops reading
 * copies until it restarts, and says so in a warning. Thread-safe.
 */
final class CachedDbSessionStorage implements SessionStorage {

  private static final System.Logger LOG = System.getLogger(CachedDbSessionStorage.class.getName());

  private final SessionStorage durable;
  private final SessionStorage fast;
  private final Clock clock;
  private final StorageCapabilities capabilities;
  private final AtomicBoolean fastFailing = new AtomicBoolean();

  /**
   * @param clock the clock against which copies are checked for expiry, and which times the cache
   *     failures that hold it off (the settings' clock)
   * @throws IllegalArgumentException when either storage owns its key format (a cookie keeps no
   *     record to cache)
   */
  CachedDbSessionStorage(SessionStorage durable, SessionStorage fast, Clock clock) {
    this(durable, fast, clock, MAX_DISTRUSTED);
  }

  /**
   * @param maxDistrusted how many keys whose copy could not be deleted are remembered; past that,
   *     copies are never read again by this instance
   */
  CachedDbSessionStorage(
      SessionStorage durable, SessionStorage fast, Clock clock, int maxDistrusted) {
    this.maxDistrusted = maxDistrusted;
    this.durable = Objects.requireNonNull(durable, "durable");
    this.fast = Objects.requireNonNull(fast, "fast");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (durable.capabilities().ownsKeyFormat() || fast.capabilities().ownsKeyFormat()) {
      throw new IllegalArgumentException(
          "A cached-db store combines storages that keep records under the engine's keys; "
              + (durable.capabilities().ownsKeyFormat() ? durable : fast)
              + " owns its key format");
    }
    this.capabilities =
        StorageCapabilities.builder()
            .compareAndSet(durable.capabilities().compareAndSet())
            .expiresRecordsItself(durable.capabilities().expiresRecordsItself())
            .indexesPrincipals(durable.capabilities().indexesPrincipals())
            .build();
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    if (!trusted(key)) {
      return durable.load(key);
    }
    FastRead cached = readFast(key);
    if (cached.live() != null) {
      return cached.live();
    }
    if (cached.unusable()) {
      deleteFast(key);
    }
    StoredRecord stored = durable.load(key);
    if (stored != null && !cached.failed() && !stored.isExpiredAt(clock.instant())) {
      refill(key, stored);
    }
    return stored;
  }

  @Override
  public boolean contains(String key, Instant now) {
    if (!trusted(key)) {
      return durable.contains(key, now);
    }
    FastRead cached = readFast(key);
    StoredRecord live = cached.live();
    if (live != null && !live.isExpiredAt(now)) {
      return true;
    }
    return durable.contains(key, now);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    if (!durable.insert(key, record)) {
      return false;
    }
    if (record.isExpiredAt(clock.instant())) {
      deleteFast(key);
    } else if (Boolean.FALSE.equals(quietly("create", () -> fast.insert(key, unindexed(record))))) {
      // a copy left from an earlier record under this key (its delete failed): never serve it
      deleteFast(key);
    }
    return true;
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    ReplaceOutcome outcome;
    try {
      outcome = durable.replace(key, record, expectedVersion);
    } catch (RuntimeException ex) {
      deleteFast(key); // whether the durable write happened is unknown
      throw ex;
    }
    if (outcome != ReplaceOutcome.REPLACED || record.isExpiredAt(clock.instant())) {
      deleteFast(key);
      return outcome;
    }
    if (!fast.capabilities().compareAndSet()) {
      deleteFast(key); // a read-then-put could land after a concurrent delete: drop the copy
      return outcome;
    }
    ReplaceOutcome copied =
        quietly("save", () -> fast.replace(key, unindexed(record), expectedVersion));
    if (copied == null || copied == ReplaceOutcome.CONFLICT) {
      deleteFast(key); // not the copy of the record just replaced: the next load reads it afresh
    }
    // GONE: no copy to move on; the next load puts one in
    return outcome;
  }

  @Override
  public boolean delete(String key) {
    try {
      return durable.delete(key);
    } finally {
      deleteFast(key);
    }
  }

  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    return durable.removeExpired(
        now,
        key -> {
          deleteFast(key);
          removed.accept(key);
        });
  }

  @Override
  public StorageCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public String backend() {
    return "cached-db";
  }

  /** Checks the durable storage only: requests are served while the fast one is down. */
  @Override
  public void checkAvailable() {
    durable.checkAvailable();
  }

  @Override
  public String toString() {
    return "CachedDbSessionStore[" + durable + ", cached in " + fast + "]";
  }

  /** What the fast storage answered to a load. */
  private record FastRead(@Nullable StoredRecord live, boolean unusable, boolean failed) {}

  private FastRead readFast(String key) {
    if (holdingOff()) {
      return new FastRead(null, false, true);
    }
    long start = clock.millis();
    try {
      StoredRecord cached = fast.load(key);
      fastAnswered();
      if (cached == null) {
        return new FastRead(null, false, false);
      }
      // an expired copy may be stale: a later save of another instance may have extended it
      return cached.isExpiredAt(clock.instant())
          ? new FastRead(null, true, false)
          : new FastRead(cached, false, false);
    } catch (UnreadableSessionDataException ex) {
      fastAnswered();
      return new FastRead(null, true, false);
    } catch (RuntimeException ex) {
      fastFailed("load", ex, start);
      return new FastRead(null, false, true);
    }
  }

  /**
   * The durable store's index lists the principal's sessions, so the fast copy goes without the
   * principal: a fast store that indexes (Redis) then spends no command on an index nobody reads.
   */
  private static StoredRecord unindexed(StoredRecord record) {
    return record.principal() == null ? record : record.toBuilder().principal(null).build();
  }

  /** The durable store's index: it holds every session, the fast one only some. */
  @Override
  public List<IndexedSession> sessionsOf(String principal, Instant now) {
    return durable.sessionsOf(principal, now);
  }

  /**
   * Puts a copy of {@code stored} in, unless there is one already, then makes sure the durable
   * record did not move on meanwhile; a copy that may be stale is deleted.
   */
  private void refill(String key, StoredRecord stored) {
    if (!Boolean.TRUE.equals(quietly("create", () -> fast.insert(key, unindexed(stored))))) {
      return;
    }
    StoredRecord now;
    try {
      now = durable.load(key);
    } catch (RuntimeException ex) {
      deleteFast(key);
      throw ex;
    }
    if (now == null || now.version() != stored.version()) {
      deleteFast(key);
    }
  }

  /**
   * Deletes the copy of {@code key}. When the fast storage fails, the copy may still be there (a
   * logout's, a key cycle's old key): the key is then distrusted, so this instance reads it from
   * the durable storage only until a delete of the copy succeeds.
   */
  private void deleteFast(String key) {
    if (quietly("delete", () -> fast.delete(key)) != null) {
      distrusted.remove(key);
      return;
    }
    distrust(key);
    // A recovery that ran between the failure and the line above took its list of keys without
    // this one, and none follows while the fast storage answers: try once more now.
    if (!fastFailing.get() && quietly("delete", () -> fast.delete(key)) != null) {
      distrusted.remove(key);
    }
  }

  private void distrust(String key) {
    if (distrusted.size() < maxDistrusted) {
      distrusted.add(key);
    } else if (!distrustAll) {
      distrustAll = true;
      LOG.log(
          Level.WARNING,
          () ->
              "More than "
                  + maxDistrusted
                  + " copies of sessions could not be deleted while the cache in front of the"
                  + " sessions' database ("
                  + fast
                  + ") failed: this instance now reads sessions from "
                  + durable
                  + " only, until it restarts. Other instances may read copies of sessions"
                  + " logged out or changed meanwhile until those expire; clear the cache's"
                  + " session copies after such an outage.");
    }
  }

  /**
   * Whether the copy of {@code key} may be read: not while an earlier delete of it failed (it is
   * retried here first), and never again once more keys were distrusted than remembered (this
   * instance cannot tell which copies are stale).
   */
  private boolean trusted(String key) {
    if (distrustAll) {
      return false;
    }
    if (distrusted.contains(key)) {
      deleteFast(key);
      return !distrusted.contains(key);
    }
    return true;
  }

  /** A failure of the fast storage that takes this long holds it off (a timeout). */
  private static final long SLOW_FAILURE_MILLIS = 50;

  /** How long the fast storage is held off after a slow failure, before one call tries it again. */
  private static final long HOLD_OFF_MILLIS = 1_000;

  /** Marks {@link #holdOffUntil} as holding nothing off. */
  private static final long NOT_HOLDING_OFF = Long.MIN_VALUE;

  /** The clock's milliseconds until which the fast storage is held off, or none. */
  private final AtomicLong holdOffUntil = new AtomicLong(NOT_HOLDING_OFF);

  /** How many keys whose copy could not be deleted are remembered, by default. */
  static final int MAX_DISTRUSTED = 100_000;

  /** How many failed deletes of copies are retried at once when the fast storage answers again. */
  private static final int MAX_COPIES_DELETED_ON_RECOVERY = 1_000;

  /** Keys whose copy could not be deleted: read from the durable storage only. */
  private final Set<String> distrusted = ConcurrentHashMap.newKeySet();

  private final int maxDistrusted;

  /** Whether a thread deletes the remaining distrusted copies. */
  private final AtomicBoolean sweeping = new AtomicBoolean();

  /**
   * Set when more keys were distrusted than remembered: every copy is distrusted from then on, by
   * this instance, which cannot tell which ones are stale.
   */
  private volatile boolean distrustAll;

  /** The fast storage's answer, or null when it failed (logged) or is being held off. */
  private <T> @Nullable T quietly(String operation, Supplier<T> call) {
    if (holdingOff()) {
      return null;
    }
    long start = clock.millis();
    try {
      T result = call.get();
      fastAnswered();
      return result;
    } catch (RuntimeException ex) {
      fastFailed(operation, ex, start);
      return null;
    }
  }

  /**
   * Whether to go without the fast storage now: for {@link #HOLD_OFF_MILLIS} after one of its
   * failures took {@link #SLOW_FAILURE_MILLIS} or more (a timeout, a server that does not answer),
   * so that not every request waits for the same failure; then one call goes through to find out
   * whether it answers again. A failure that comes at once holds nothing off.
   */
  private boolean holdingOff() {
    long until = holdOffUntil.get();
    if (until == NOT_HOLDING_OFF) {
      return false;
    }
    long now = clock.millis();
    if (now < until || !holdOffUntil.compareAndSet(until, now + HOLD_OFF_MILLIS)) {
      fastFailing.set(true); // what is skipped now is retried at the recovery the probe finds
      return true;
    }
    return false;
  }

  private void fastFailed(String operation, RuntimeException ex, long start) {
    long now = clock.millis();
    if (now - start >= SLOW_FAILURE_MILLIS) {
      holdOffUntil.set(now + HOLD_OFF_MILLIS);
    }
    boolean first = fastFailing.compareAndSet(false, true);
    LOG.log(
        first ? Level.WARNING : Level.DEBUG,
        () ->
            "The cache in front of the sessions' database ("
                + fast
                + ") could not "
                + operation
                + " a session ("
                + ex
                + "); sessions are read from and written to "
                + durable
                + " alone until it answers again");
  }

  private void fastAnswered() {
    holdOffUntil.set(NOT_HOLDING_OFF);
    if (fastFailing.get() && fastFailing.compareAndSet(true, false)) {
      LOG.log(
          Level.INFO,
          () -> "The cache in front of the sessions' database (" + fast + ") answers again");
      deleteDistrustedCopies();
    }
  }

  /**
   * Once the fast storage answers again, deletes the copies whose delete failed meanwhile: until
   * then, other instances sharing the fast storage would still read such a copy, the session of a
   * logout. The first {@link #MAX_COPIES_DELETED_ON_RECOVERY} on the thread that found the fast
   * storage back, any others on a thread of their own, so that no request waits for them; a new
   * failure stops both, and the next recovery goes on.
   */
  private void deleteDistrustedCopies() {
    List<String> keys = List.copyOf(distrusted);
    for (String key : keys.subList(0, Math.min(keys.size(), MAX_COPIES_DELETED_ON_RECOVERY))) {
      if (fastFailing.get()) {
        return;
      }
      deleteFast(key);
    }
    startSweep();
  }

  /** Starts a thread that deletes the distrusted copies, unless one runs or nothing is to do. */
  private void startSweep() {
    if (!distrusted.isEmpty() && !fastFailing.get() && sweeping.compareAndSet(false, true)) {
      Thread sweeper = new Thread(this::sweepDistrustedCopies, "sessionkit-cached-db-recovery");
      sweeper.setDaemon(true);
      sweeper.start();
    }
  }

  private void sweepDistrustedCopies() {
    try {
      for (String key : List.copyOf(distrusted)) {
        if (fastFailing.get()) {
          return;
        }
        deleteFast(key);
      }
    } finally {
      sweeping.set(false);
    }
    startSweep(); // keys of a recovery that came while this sweep ran, which started none
  }
}
