package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of concurrent saves, with real threads: no update is lost and no deleted record
 * comes back. Implemented by the contract tests of every backend whose storage compares and sets
 * ({@code capabilities().compareAndSet()}); a Spring {@code Cache} without compare-and-set (Redis
 * through {@code RedisCacheManager}) cannot keep it, says so in its capabilities, and does not
 * implement this interface. Bounded: 16 threads, 50 operations each, a minute at most.
 */
interface ConcurrentSavesContract {

  int THREADS = 16;
  int ROUNDS = 50;

  /** The store under test. */
  StorageSessionStore store();

  /** The listener registered on it. */
  RecordingListener listener();

  /** The second store on the same storage that a test may use, by default the store itself. */
  default StorageSessionStore otherStore() {
    return store();
  }

  @Test
  default void parallelSavesOfDistinctKeysAllSurvive() throws Exception {
    String key = newStoredSession(Map.of("start", 0));

    runInParallel(
        (thread, round) -> {
          Session session = storeOf(thread).open(key);
          session.put("t" + thread + "r" + round, round);
          session.save();
        });

    Set<String> keys = store().open(key).keySet();
    assertThat(keys).hasSize(THREADS * ROUNDS + 1).contains("start", "t0r0", "t15r49");
  }

  @Test
  default void capabilitiesSayTheStorageComparesAndSets() {
    assertThat(store().capabilities().compareAndSet()).isTrue();
  }

  @Test
  default void parallelComputeIncrementsLeaveAnExactCounter() throws Exception {
    String key = newStoredSession(Map.of());

    runInParallel(
        (thread, round) -> {
          Session session = storeOf(thread).open(key);
          session.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
          session.save();
        });

    assertThat(store().open(key).get("n")).isEqualTo(THREADS * ROUNDS);
  }

  @Test
  default void listenersHearExactlyOneSaveEventPerParallelSave() throws Exception {
    String key = newStoredSession(Map.of());
    listener().reset();

    runInParallel(
        (thread, round) -> {
          Session session = store().open(key);
          session.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
          session.save();
        });

    assertThat(listener().saves()).isEqualTo(THREADS * ROUNDS);
    assertThat(listener().creates()).isZero();
    assertThat(listener().failedOperations()).isEmpty();
  }

  @Test
  default void aSaveRacingAFlushNeverBringsTheRecordBack() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      for (int race = 0; race < 200; race++) {
        int i = race;
        String key = newStoredSession(Map.of("a", 1));
        Session saver = storeOf(i).open(key);
        saver.get("a");
        CountDownLatch start = new CountDownLatch(1);
        Future<?> save =
            executor.submit(
                () -> {
                  start.await();
                  saver.put("b", 2);
                  try {
                    saver.save();
                  } catch (SessionInterruptedException ex) {
                    // the flush came first: the save must not write, which the assertion checks
                  }
                  return null;
                });
        Future<?> flush =
            executor.submit(
                () -> {
                  start.await();
                  storeOf(i + 1).open(key).flush();
                  return null;
                });
        start.countDown();
        save.get(30, TimeUnit.SECONDS);
        flush.get(30, TimeUnit.SECONDS);

        assertThat(store().exists(key)).as("record %s after save racing flush", i).isFalse();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /** Stores a new session holding {@code data}; returns its key. */
  private String newStoredSession(Map<String, ?> data) {
    Session session = store().newSession();
    session.update(data);
    session.save();
    return session.getSessionKey();
  }

  /** The store a thread uses: threads alternate between the two stores. */
  private StorageSessionStore storeOf(int thread) {
    return thread % 2 == 0 ? store() : otherStore();
  }

  /** One operation of one thread. */
  @FunctionalInterface
  interface Operation {
    void run(int thread, int round) throws Exception;
  }

  /**
   * Runs {@code operation} {@value #ROUNDS} times on each of {@value #THREADS} threads, started
   * together; fails on the first exception.
   */
  private void runInParallel(Operation operation) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (int thread : IntStream.range(0, THREADS).boxed().collect(Collectors.toList())) {
        Callable<Void> work =
            () -> {
              start.await();
              for (int round = 0; round < ROUNDS; round++) {
                operation.run(thread, round);
              }
              return null;
            };
        futures.add(executor.submit(work));
      }
      start.countDown();
      for (Future<Void> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
