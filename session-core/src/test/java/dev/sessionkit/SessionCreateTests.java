package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.CapturedLogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@link Session#create()} chooses keys: it retries on collisions and draws keys a storage
 * accepts, on a storage that can be told to refuse.
 */
class SessionCreateTests {

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(StorageSessionStore.class);

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

  @Test
  void aNewRecordGoesUnderAKeyTheStorageAcceptsAndKeysStayRandom() {
    CollidingStorage storage = new CollidingStorage(0);
    storage.accepts = key -> Math.floorMod(key.toString().hashCode(), 16_384) == 1_234;
    SessionStore store = new StorageSessionStore(storage, SessionSettings.defaults());

    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Session session = store.newSession();
      session.put("user", "alice");
      session.save();
      keys.add(session.getSessionKey());
    }

    assertThat(keys)
        .hasSize(20)
        .allSatisfy(key -> assertThat(Math.floorMod(key.hashCode(), 16_384)).isEqualTo(1_234))
        .allSatisfy(key -> assertThat(key).matches("[a-z0-9]{32}"))
        .extracting(key -> key.substring(0, 29))
        .doesNotHaveDuplicates();
    assertThat(storage.asked)
        .as("candidates offered, far below 186,624 per key")
        .isLessThan(20L * 120_000);
  }

  @Test
  void aStorageThatAcceptsNoKeyStillGetsItsRecordAfterABoundedSearch() {
    CollidingStorage storage = new CollidingStorage(0);
    storage.accepts = key -> false;
    Session session = new StorageSessionStore(storage, SessionSettings.defaults()).newSession();
    session.put("user", "alice");

    session.save();

    assertThat(storage.records).containsOnlyKeys(session.getSessionKey());
    assertThat(storage.asked).as("4 random keys, 46,656 variations each").isEqualTo(4 * 46_656);
    assertThat(logs.records())
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.getMessage())
                    .contains("No random session key met the key condition of colliding")
                    .doesNotContain(session.getSessionKey()));
  }

  /**
   * An in-memory storage whose first {@code collisions} inserts find their key taken, and which
   * accepts the keys {@link #accepts} accepts (every key unless told).
   */
  private static final class CollidingStorage implements SessionStorage {

    final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
    final List<String> attemptedKeys = new ArrayList<>();
    Predicate<CharSequence> accepts = key -> true;
    long asked;
    private int collisions;

    CollidingStorage(int collisions) {
      this.collisions = collisions;
    }

    @Override
    public @Nullable StoredRecord load(String key) {
      return records.get(key);
    }

    @Override
    public Predicate<CharSequence> keyCondition(StoredRecord record) {
      return key -> {
        asked++;
        return accepts.test(key);
      };
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

    @Override
    public String toString() {
      return "colliding storage";
    }
  }
}
