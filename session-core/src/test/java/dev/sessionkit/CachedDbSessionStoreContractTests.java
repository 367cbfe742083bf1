package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.sessionkit.cacheddb.CachedDbSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.FaultyStorage;
import dev.sessionkit.testing.TestDatabase;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract on {@link CachedDbSessionStore}: a database table (the durable storage) with a fast
 * storage in front of it. One subclass per combination supplies the database and the fast storage;
 * every store a test creates shares both, as the instances of one application would. A record
 * counts as stored when either storage holds it; corrupting a record corrupts both.
 */
abstract class CachedDbSessionStoreContractTests extends SessionStoreContractTests
    implements ConcurrentSavesContract, PrincipalIndexContract {

  /** The database of the subclass, registered there with {@code @RegisterExtension}. */
  abstract TestDatabase database();

  /** The fast storage of this test, the same one at every call within a test. */
  abstract SessionStorage fast();

  /** The table, as a storage of its own, reached without the fast storage. */
  SessionStorage durable() {
    return JdbcSessionStore.storage(database().dataSource(), TestDatabase.TABLE, clock);
  }

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new CachedDbSessionStore(durable(), fast(), settings);
  }

  /** A second store on the same database and fast storage: another instance of the application. */
  @Override
  public StorageSessionStore otherStore() {
    return createStore(settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    int updated =
        database()
            .jdbc()
            .update(
                "UPDATE " + TestDatabase.TABLE + " SET session_data = ? WHERE session_key = ?",
                rawData,
                sessionKey);
    assertThat(updated).as("rows updated").isEqualTo(1);
    StoredRecord copy = fast().load(sessionKey);
    assertThat(copy).as("fast copy").isNotNull();
    fast().delete(sessionKey);
    assertThat(fast().insert(sessionKey, copy.toBuilder().data(rawData).build())).isTrue();
  }

  @Override
  boolean isStored(String sessionKey) {
    return isStoredIn(durable(), sessionKey) || isStoredIn(fast(), sessionKey);
  }

  private static boolean isStoredIn(SessionStorage storage, String sessionKey) {
    try {
      return storage.load(sessionKey) != null;
    } catch (UnreadableSessionDataException ex) {
      return true;
    }
  }

  @Test
  void backendIsCachedDbAndCapabilitiesAreTheDatabases() {
    assertThat(store.backend()).isEqualTo("cached-db");
    assertThat(store.capabilities().compareAndSet()).isTrue();
    assertThat(store.capabilities().expiresRecordsItself()).isFalse();
    assertThat(store.toString()).startsWith("CachedDbSessionStore[JdbcSessionStore[table ");
  }

  @Test
  void saveWritesTheDatabaseAndTheFastCopyWithTheSameVersion() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    session.put("b", 2);
    session.save();

    StoredRecord row = durable().load(key);
    StoredRecord copy = fast().load(key);
    assertThat(row).isNotNull();
    assertThat(copy).isNotNull();
    assertThat(copy.version()).isEqualTo(row.version()).isEqualTo(2);
    assertThat(copy.data()).isEqualTo(row.data());
  }

  @Test
  void loadServesTheFastCopyWithoutReadingTheDatabase() {
    String key = storedSession(Map.of("a", 1));
    database().jdbc().update("DELETE FROM " + TestDatabase.TABLE + " WHERE session_key = ?", key);

    assertThat(store.open(key).get("a")).as("read from the fast copy").isEqualTo(1);
  }

  @Test
  void loadAfterTheCopyWasEvictedReadsTheDatabaseAndCopiesTheRecordAgain() {
    String key = storedSession(Map.of("a", 1));
    fast().delete(key);

    assertThat(store.open(key).get("a")).isEqualTo(1);

    StoredRecord copy = fast().load(key);
    assertThat(copy).as("fast copy put back").isNotNull();
    assertThat(copy.version()).isEqualTo(1);
  }

  @Test
  void staleFastCopyIsCorrectedByAConflictingSaveWhichMergesIntoTheDatabaseRecord() {
    String key = storedSession(Map.of("a", 1));
    Session elsewhere = new JdbcSessionStore(database().dataSource(), settings).open(key);
    elsewhere.put("b", 2); // written to the table only: the fast copy is now stale
    elsewhere.save();
    Session session = store.open(key);
    assertThat(session.get("a")).isEqualTo(1);

    session.put("c", 3);
    session.save();

    assertThat(store.open(key).entrySet())
        .containsExactlyInAnyOrder(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
    assertThat(listener.failedOperations()).isEmpty();
    assertThat(listener.conflicts()).isEqualTo(1);
  }

  @Test
  void readOnAnotherInstanceAfterASaveSeesTheNewData() {
    StorageSessionStore other = otherStore();
    String key = storedSession(Map.of("n", 1));
    assertThat(other.open(key).get("n")).isEqualTo(1);

    Session session = store.open(key);
    session.put("n", 2);
    session.save();

    assertThat(other.open(key).get("n")).isEqualTo(2);
    other.delete(key);
    assertThat(store.open(key).get("n")).as("after a logout on the other instance").isNull();
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void copyPutInBesideADeleteOfAnotherRequestIsDroppedSoTheLogoutHolds() {
    String key = storedSession(Map.of("user", "alice"));
    fast().delete(key);
    StorageSessionStore other = otherStore();
    OnLoad durable = new OnLoad(durable());
    // another request logs out between this load's read of the table and its copy going in
    durable.afterNextLoad(() -> other.delete(key));
    StorageSessionStore racing = new CachedDbSessionStore(durable, fast(), settings);

    racing.open(key).get("user");

    assertThat(isStoredIn(fast(), key)).as("copy of the deleted session").isFalse();
    assertThat(store.open(key).get("user")).isNull();
  }

  @Test
  void logoutWhoseCopyCouldNotBeDeletedHoldsWhenTheCacheAnswersAgain() {
    String key = storedSession(Map.of("user", "alice"));
    FaultyStorage refusing = new FaultyStorage(fast());
    refusing.refuseDeletes = true;
    StorageSessionStore instance = new CachedDbSessionStore(durable(), refusing, settings);
    assertThat(instance.open(key).get("user")).isEqualTo("alice");

    instance.delete(key);

    assertThat(isStoredIn(fast(), key)).as("the copy the cache kept").isTrue();
    assertThat(instance.open(key).get("user")).as("while deletes fail").isNull();
    refusing.refuseDeletes = false;
    assertThat(instance.open(key).get("user")).as("once the cache answers").isNull();
    assertThat(isStoredIn(fast(), key)).as("the copy, deleted on the next read").isFalse();
  }

  @Test
  void logoutWhoseCopyCouldNotBeDeletedHoldsOnOtherInstancesOnceTheCacheAnswersAgain() {
    String key = storedSession(Map.of("user", "alice"));
    String unrelated = storedSession(Map.of("user", "bob"));
    FaultyStorage refusing = new FaultyStorage(fast());
    refusing.refuseDeletes = true;
    StorageSessionStore instance = new CachedDbSessionStore(durable(), refusing, settings);
    assertThat(instance.open(key).get("user")).isEqualTo("alice");

    instance.delete(key);
    refusing.refuseDeletes = false;
    assertThat(instance.open(unrelated).get("user"))
        .as("the first read that reaches the cache")
        .isEqualTo("bob");

    assertThat(isStoredIn(fast(), key)).as("the copy of the logged-out session").isFalse();
    assertThat(otherStore().open(key).get("user")).as("on another instance").isNull();
  }

  @Test
  void fastStorageThatFailsNeverFailsALoadSaveOrDelete() {
    String key = storedSession(Map.of("a", 1));
    StorageSessionStore degraded =
        new CachedDbSessionStore(durable(), new FailingStorage(), settings);
    degraded.addListener(listener);

    assertFastFailuresAreSwallowed(degraded, key);
  }

  /**
   * Asserts that every operation of {@code degraded}, whose fast storage fails, works on the
   * database alone: a load of {@code storedKey}, a save, a new session, exists, delete and clear.
   */
  void assertFastFailuresAreSwallowed(StorageSessionStore degraded, String storedKey) {
    assertThatNoException()
        .isThrownBy(
            () -> {
              Session session = degraded.open(storedKey);
              assertThat(session.get("a")).isEqualTo(1);
              session.put("b", 2);
              session.save();
              Session created = degraded.newSession();
              created.put("c", 3);
              created.save();
              assertThat(degraded.exists(created.getSessionKey())).isTrue();
              assertThat(degraded.open(created.getSessionKey()).get("c")).isEqualTo(3);
              degraded.delete(created.getSessionKey());
              assertThat(degraded.exists(created.getSessionKey())).isFalse();
              degraded.clearExpired();
              degraded.checkAvailable();
            });
    assertThat(listener.failedOperations()).isEmpty();
    StoredRecord row = durable().load(storedKey);
    assertThat(row).isNotNull();
    assertThat(row.version()).isEqualTo(2);
  }

  /** A fast storage that is down: every operation throws. */
  static class FailingStorage implements SessionStorage {

    @Override
    public @Nullable StoredRecord load(String key) {
      throw down();
    }

    @Override
    public boolean insert(String key, StoredRecord record) {
      throw down();
    }

    @Override
    public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
      throw down();
    }

    @Override
    public boolean delete(String key) {
      throw down();
    }

    @Override
    public int removeExpired(Instant now, Consumer<String> removed) {
      throw down();
    }

    @Override
    public StorageCapabilities capabilities() {
      return StorageCapabilities.builder().compareAndSet(true).expiresRecordsItself(true).build();
    }

    @Override
    public String backend() {
      return "failing";
    }

    private static SessionStoreException down() {
      return new SessionStoreException("the fast storage is down");
    }
  }

  /** A storage that runs an action right after one load has read its record. */
  static final class OnLoad implements SessionStorage {

    private final SessionStorage storage;
    private @Nullable Runnable afterNextLoad;

    OnLoad(SessionStorage storage) {
      this.storage = storage;
    }

    void afterNextLoad(Runnable action) {
      afterNextLoad = action;
    }

    @Override
    public @Nullable StoredRecord load(String key) {
      StoredRecord record = storage.load(key);
      Runnable action = afterNextLoad;
      afterNextLoad = null;
      if (action != null) {
        action.run();
      }
      return record;
    }

    @Override
    public boolean insert(String key, StoredRecord record) {
      return storage.insert(key, record);
    }

    @Override
    public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
      return storage.replace(key, record, expectedVersion);
    }

    @Override
    public boolean delete(String key) {
      return storage.delete(key);
    }

    @Override
    public int removeExpired(Instant now, Consumer<String> removed) {
      return storage.removeExpired(now, removed);
    }

    @Override
    public StorageCapabilities capabilities() {
      return storage.capabilities();
    }

    @Override
    public String backend() {
      return storage.backend();
    }
  }
}
