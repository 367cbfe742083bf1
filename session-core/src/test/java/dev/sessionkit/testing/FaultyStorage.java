package dev.sessionkit.testing;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A storage in front of another that fails on demand, as a cache in an outage does: every call
 * while {@link #down}, every delete while {@link #refuseDeletes}, or only the next delete ({@link
 * #failNextDelete}). A failure can take time, by moving a {@link MutableClock} on by {@link
 * #slowness} (a timeout, without waiting for one). It counts the calls that reach it.
 */
public final class FaultyStorage implements SessionStorage {

  private final SessionStorage storage;
  private final @Nullable MutableClock clock;

  /** The calls that reached this storage, failed or not. */
  public final AtomicInteger calls = new AtomicInteger();

  /** Every call fails. */
  public volatile boolean down;

  /** Every delete fails. */
  public volatile boolean refuseDeletes;

  /** The next delete fails. */
  public volatile boolean failNextDelete;

  /** How far a failing call moves the clock on. */
  public volatile Duration slowness = Duration.ZERO;

  /** In front of {@code storage}, failing at once. */
  public FaultyStorage(SessionStorage storage) {
    this(storage, null);
  }

  /** In front of {@code storage}; a failure moves {@code clock} on by {@link #slowness}. */
  public FaultyStorage(SessionStorage storage, @Nullable MutableClock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    reach();
    return storage.load(key);
  }

  @Override
  public boolean contains(String key, Instant now) {
    reach();
    return storage.contains(key, now);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    reach();
    return storage.insert(key, record);
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    reach();
    return storage.replace(key, record, expectedVersion);
  }

  @Override
  public boolean delete(String key) {
    reach();
    if (refuseDeletes) {
      throw fail("the storage refuses deletes");
    }
    if (failNextDelete) {
      failNextDelete = false;
      throw fail("this delete fails");
    }
    return storage.delete(key);
  }

  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    reach();
    return storage.removeExpired(now, removed);
  }

  @Override
  public StorageCapabilities capabilities() {
    return storage.capabilities();
  }

  @Override
  public String backend() {
    return "faulty " + storage.backend();
  }

  private void reach() {
    calls.incrementAndGet();
    if (down) {
      throw fail("the storage is down");
    }
  }

  private SessionStoreException fail(String reason) {
    if (clock != null) {
      clock.advance(slowness);
    }
    return new SessionStoreException(reason);
  }
}
