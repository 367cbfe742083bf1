package dev.sessionkit.boot.testing;

import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionStorage} in a map, with whatever capabilities a test declares, so that the
 * starter's behaviour per capability is tested without a backend that has them. Replaces compare
 * the version atomically unless {@link #alwaysConflicting()} makes every replace a conflict.
 */
public final class MemorySessionStorage implements SessionStorage {

  private final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
  private final StorageCapabilities capabilities;
  private final boolean alwaysConflicting;
  private final AtomicInteger replaces = new AtomicInteger();

  private MemorySessionStorage(StorageCapabilities capabilities, boolean alwaysConflicting) {
    this.capabilities = capabilities;
    this.alwaysConflicting = alwaysConflicting;
  }

  /** A storage declaring {@code capabilities}. */
  public static MemorySessionStorage with(StorageCapabilities capabilities) {
    return new MemorySessionStorage(capabilities, false);
  }

  /**
   * A storage that compares and sets, where every replace finds another version stored, as if other
   * requests saved the session each time: saves of existing sessions end in a conflict.
   */
  public static MemorySessionStorage alwaysConflicting() {
    return new MemorySessionStorage(
        StorageCapabilities.builder().compareAndSet(true).build(), true);
  }

  /** How many replaces were attempted. */
  public int replaces() {
    return replaces.get();
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    return records.get(key);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    return records.putIfAbsent(key, record) == null;
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    replaces.incrementAndGet();
    ReplaceOutcome[] outcome = {ReplaceOutcome.GONE};
    records.computeIfPresent(
        key,
        (k, stored) -> {
          if (alwaysConflicting || stored.version() != expectedVersion) {
            outcome[0] = ReplaceOutcome.CONFLICT;
            return stored;
          }
          outcome[0] = ReplaceOutcome.REPLACED;
          return record;
        });
    return outcome[0];
  }

  @Override
  public boolean delete(String key) {
    return records.remove(key) != null;
  }

  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    if (capabilities.expiresRecordsItself()) {
      return 0;
    }
    int count = 0;
    for (Map.Entry<String, StoredRecord> entry : records.entrySet()) {
      if (entry.getValue().isExpiredAt(now) && records.remove(entry.getKey(), entry.getValue())) {
        removed.accept(entry.getKey());
        count++;
      }
    }
    return count;
  }

  @Override
  public StorageCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public String backend() {
    return "memory";
  }

  @Override
  public String toString() {
    return "MemorySessionStorage[" + records.size() + " records]";
  }
}
