package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Saves of one key that arrive while a write of that key is in flight in the same store are written
 * together, once, when it lands (group commit), and a batch whose base does not land as it was
 * starts over without losing anything. The storage here holds its first write until the test has
 * seen every other save waiting, so the batches are exact.
 */
class SaveCombiningTests {

  private static final int JOINERS = 5;

  private final HeldStorage storage = new HeldStorage();
  private final RecordingListener listener = new RecordingListener();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Thread> joiners = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopThreads() {
    storage.release();
    executor.shutdownNow();
  }

  @Test
  void savesArrivingDuringAWriteAreWrittenTogetherInOneReplace() throws Exception {
    StorageSessionStore store = store(SessionSettings.defaults());
    String key = storedSession(store);
    Future<?> first = increment(store, key);
    storage.awaitHeldWrite();
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < JOINERS; i++) {
      others.add(increment(store, key));
    }
    awaitJoinersWaiting();

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }

    assertThat(store.open(key).get("n")).isEqualTo(JOINERS + 1);
    assertThat(storage.replaces).hasValue(2);
    assertThat(listener.saves()).isEqualTo(JOINERS + 1);
  }

  @Test
  void aBatchWhoseBaseWasOvertakenByAnotherInstanceStartsOverAndLosesNothing() throws Exception {
    StorageSessionStore store = store(SessionSettings.defaults());
    String key = storedSession(store);
    Future<?> first = increment(store, key);
    storage.awaitHeldWrite();
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < JOINERS; i++) {
      others.add(increment(store, key));
    }
    awaitJoinersWaiting();
    StorageSessionStore otherInstance = store(SessionSettings.defaults());
    Session elsewhere = otherInstance.open(key);
    elsewhere.put("elsewhere", true);
    storage.overtake(() -> elsewhere.save());

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }

    Session stored = store.open(key);
    assertThat(stored.get("n")).isEqualTo(JOINERS + 1);
    assertThat(stored.get("elsewhere")).isEqualTo(true);
  }

  @Test
  void aBatchTooLargeTogetherIsSavedAloneSoThatOnlyTheSaveOverTheLimitFails() throws Exception {
    StorageSessionStore store = store(SessionSettings.builder().maxSize(2_000).build());
    String key = storedSession(store);
    Future<?> first = increment(store, key);
    storage.awaitHeldWrite();
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "big" + i;
      others.add(run(store, key, session -> session.put(name, "x".repeat(800))));
    }
    awaitJoinersWaiting();

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    int tooLarge = 0;
    for (Future<?> other : others) {
      try {
        other.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException ex) {
        assertThat(ex.getCause()).isInstanceOf(SessionTooLargeException.class);
        tooLarge++;
      }
    }

    assertThat(tooLarge).isEqualTo(1);
    assertThat(store.open(key).keySet()).hasSize(3).contains("n");
  }

  @Test
  void aFailedBatchWriteFailsEveryMemberAndTheNextSaveWorks() throws Exception {
    StorageSessionStore store = store(SessionSettings.defaults());
    String key = storedSession(store);
    Future<?> first = increment(store, key);
    storage.awaitHeldWrite();
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < JOINERS; i++) {
      others.add(increment(store, key));
    }
    awaitJoinersWaiting();
    storage.failNextWrite();

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      assertThat(other)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(SessionStoreException.class);
    }
    increment(store, key).get(10, TimeUnit.SECONDS);

    assertThat(store.open(key).get("n")).isEqualTo(2);
  }

  @Test
  void aComputeThatFailsWhenJoiningFailsItsOwnSaveAndLeavesTheStripeWorking() throws Exception {
    StorageSessionStore store = store(SessionSettings.defaults());
    String key = storedSession(store);
    Future<?> first = run(store, key, session -> session.remove("n"));
    storage.awaitHeldWrite();
    // Loaded with n = 0, so the request's own compute works; replayed on the record in flight,
    // where n is gone, it throws.
    Future<?> second = increment(store, key);
    assertThat(second)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(NullPointerException.class);

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    run(store, key, session -> session.put("x", 1)).get(10, TimeUnit.SECONDS);

    assertThat(store.open(key).get("x")).isEqualTo(1);
    assertThat(store.open(key).containsKey("n")).isFalse();
  }

  @Test
  void aMemberChangingAValueInPlaceNeverChangesAnotherMembersSave() throws Exception {
    StorageSessionStore store = store(SessionSettings.builder().maxSize(2_000).build());
    Session setup = store.newSession();
    setup.put("cart", new ArrayList<>());
    setup.save();
    String key = setup.getSessionKey();
    Future<?> first = run(store, key, session -> session.put("x", 1));
    storage.awaitHeldWrite();
    Future<?> putter = run(store, key, session -> session.put("cart", new ArrayList<>(List.of(1))));
    awaitJoinersWaiting();
    Future<?> tooLarge =
        run(
            store,
            key,
            session -> {
              session.compute(
                  "cart",
                  List.class,
                  list -> {
                    list.add(2);
                    return list;
                  });
              session.put("big", "x".repeat(2_500));
            });
    awaitJoinersWaiting();

    storage.release();
    first.get(10, TimeUnit.SECONDS);
    putter.get(10, TimeUnit.SECONDS);
    assertThat(tooLarge)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(SessionTooLargeException.class);

    assertThat(store.open(key).get("cart")).isEqualTo(List.of(1));
  }

  @Test
  void aSessionDeletedWhileItsSavesWaitIsNeverWrittenAgain() throws Exception {
    StorageSessionStore store = store(SessionSettings.defaults());
    String key = storedSession(store);
    Future<?> first = increment(store, key);
    storage.awaitHeldWrite();
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < JOINERS; i++) {
      others.add(increment(store, key));
    }
    awaitJoinersWaiting();
    store.delete(key);

    storage.release();
    for (Future<?> save : concat(first, others)) {
      assertThat(save)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(SessionInterruptedException.class);
    }

    assertThat(storage.records).doesNotContainKey(key);
  }

  @Test
  void aBusyKeyLetsAnotherKeyOfItsStripeSave() throws Exception {
    storage.release();
    storage.simulatedLatency = Duration.ofMillis(2);
    StorageSessionStore store = store(SessionSettings.defaults());
    String busy = storedSession(store);
    String other;
    do {
      other = storedSession(store);
    } while (Math.floorMod(other.hashCode(), 256) != Math.floorMod(busy.hashCode(), 256));
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<?>> loops = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      loops.add(
          executor.submit(
              () -> {
                while (!stop.get()) {
                  Session session = store.open(busy);
                  session.compute("n", Integer.class, n -> n + 1);
                  session.save();
                }
                return null;
              }));
    }
    int replacesBefore = storage.replaces.get();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> storage.replaces.get() > replacesBefore + 20);
    Session otherSession = store.open(other);
    otherSession.put("y", 1);
    Future<?> otherSave =
        executor.submit(
            () -> {
              otherSession.save();
              return null;
            });
    try {
      otherSave.get(10, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      for (Future<?> loop : loops) {
        loop.get(10, TimeUnit.SECONDS);
      }
    }

    assertThat(store.open(other).get("y")).isEqualTo(1);
  }

  private static List<Future<?>> concat(Future<?> first, List<Future<?>> others) {
    List<Future<?>> all = new ArrayList<>(others);
    all.add(0, first);
    return all;
  }

  private StorageSessionStore store(SessionSettings settings) {
    StorageSessionStore store = new StorageSessionStore(storage, settings);
    store.addListener(listener);
    return store;
  }

  private static String storedSession(StorageSessionStore store) {
    Session session = store.newSession();
    session.put("n", 0);
    session.save();
    return session.getSessionKey();
  }

  private Future<?> increment(StorageSessionStore store, String key) {
    return run(store, key, session -> session.compute("n", Integer.class, n -> n + 1));
  }

  private Future<?> run(StorageSessionStore store, String key, Consumer<Session> change) {
    Session session = store.open(key);
    session.get("n");
    CountDownLatch started = new CountDownLatch(1);
    Future<?> future =
        executor.submit(
            () -> {
              joiners.add(Thread.currentThread());
              started.countDown();
              change.accept(session);
              session.save();
              return null;
            });
    try {
      started.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    return future;
  }

  /** Waits until every save but the held one waits for its batch. */
  private void awaitJoinersWaiting() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                joiners.stream().filter(thread -> thread.getState() == Thread.State.WAITING).count()
                    >= joiners.size() - 1);
  }

  /**
   * A compare-and-set storage in memory whose first replace waits for {@link #release()}, and that
   * can let another writer overtake the held write or fail the next one.
   */
  private static final class HeldStorage implements SessionStorage {

    final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
    final AtomicInteger replaces = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean failNext;
    volatile Duration simulatedLatency = Duration.ZERO;

    void awaitHeldWrite() throws InterruptedException {
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      released.countDown();
    }

    /** Runs {@code write} now, past the held write, which then finds the record changed. */
    void overtake(Runnable write) {
      write.run();
    }

    void failNextWrite() {
      failNext = true;
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
      if (held.getCount() > 0) {
        held.countDown();
        try {
          released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      } else if (failNext && replaces.get() > 0) {
        failNext = false;
        replaces.incrementAndGet();
        throw new SessionStoreException("the test's storage is down");
      }
      replaces.incrementAndGet();
      if (!simulatedLatency.isZero()) {
        // the round trip of a real server, during which other saves of the key arrive
        LockSupport.parkNanos(simulatedLatency.toNanos());
      }
      synchronized (records) {
        StoredRecord stored = records.get(key);
        if (stored == null) {
          return ReplaceOutcome.GONE;
        }
        if (stored.version() != expectedVersion) {
          return ReplaceOutcome.CONFLICT;
        }
        records.put(key, record);
        return ReplaceOutcome.REPLACED;
      }
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
      return StorageCapabilities.builder().compareAndSet(true).build();
    }

    @Override
    public String backend() {
      return "held";
    }
  }
}
