package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How {@link Session#create()} reacts to key collisions, on a storage that can be told to refuse.
 */
class SessionCreateTests {

  @Test
  void createRetriesWithAnotherKeyWhenTheFirstIsTaken() {
    CollidingStorage storage = new CollidingStorage(2);
    Session session = new StorageSessionStore(storage, SessionSettings.defaults()).newSession();
    session.put("cart", "book");

    session.create();

    assertThat(storage.attemptedKeys).hasSize(3).doesNotHaveDuplicates();
    assertThat(session.getSessionKey()).isEqualTo(storage.attemptedKeys.get(2));
    assertThat(storage.records).containsOnlyKeys(session.getSessionKey());
  }

  @Test
  void createGivesUpWithAClearErrorWhenEveryKeyIsTaken() {
    CollidingStorage storage = new CollidingStorage(Integer.MAX_VALUE);
    SessionStore store = new StorageSessionStore(storage, SessionSettings.defaults());

    assertThatExceptionOfType(SessionStoreException.class)
        .isThrownBy(() -> store.newSession().create())
        .withMessageContaining("random session keys in use");
    assertThat(storage.attemptedKeys).hasSize(10);
  }

  /** An in-memory storage whose first {@code collisions} inserts find their key taken. */
  private static final class CollidingStorage implements SessionStorage {

    final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
    final List<String> attemptedKeys = new ArrayList<>();
    private int collisions;

    CollidingStorage(int collisions) {
      this.collisions = collisions;
    }

    @Override
    public @Nullable StoredRecord load(String key) {
      return records.get(key);
    }

    @Override
    public boolean insert(String key, StoredRecord record) {
      attemptedKeys.add(key);
      if (collisions > 0) {
        collisions--;
        return false;
      }
      return records.putIfAbsent(key, record) == null;
    }

    @Override
    public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
      return records.replace(key, record) != null ? ReplaceOutcome.REPLACED : ReplaceOutcome.GONE;
    }

    @Override
    public boolean delete(String key) {
      return records.remove(key) != null;
    }

    @Override
    public int removeExpired(Instant now, Consumer<String> removed) {
      return 0;
    }

    @Override
    public StorageCapabilities capabilities() {
      return StorageCapabilities.builder().build();
    }

    @Override
    public String backend() {
      return "colliding";
    }
  }
}
