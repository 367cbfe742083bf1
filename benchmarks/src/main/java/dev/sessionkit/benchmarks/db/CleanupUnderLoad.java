package dev.sessionkit.benchmarks.db;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Issue 10's test of bounded cleanup: remove many expired rows while loads and saves of live
 * sessions run in parallel, and compare the loads' and saves' latency with and without the cleanup
 * running. Prints the figures; asserts nothing about time.
 *
 * <ol>
 *   <li>Fills a fresh table with {@code bench.live} live sessions and {@code bench.expired} expired
 *       ones (one bulk insert each).
 *   <li>Baseline: {@code bench.threads} threads each open a random live session, read {@code n},
 *       put {@code n + 1} and save (one load and one compare-and-set update through {@link
 *       JdbcSessionStore}), for {@code bench.seconds}.
 *   <li>With cleanup: the same load, and {@link JdbcSessionStore#clearExpired()} on one more
 *       thread; the latencies of the requests that started while the cleanup ran are recorded.
 * </ol>
 *
 * <p>Run: {@code benchmarks/run-db.sh cleanup-under-load} (PostgreSQL) or {@code
 * benchmarks/run-db.sh cleanup-under-load -Dbench.db=mariadb}.
 */
public final class CleanupUnderLoad {

  private CleanupUnderLoad() {}

  public static void main(String[] args) throws Exception {
    String engine = System.getProperty("bench.db", "postgresql");
    int expired = Integer.getInteger("bench.expired", 200_000);
    int live = Integer.getInteger("bench.live", 10_000);
    int threads = Integer.getInteger("bench.threads", 8);
    Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

    try (BenchDatabase database =
        BenchDatabase.fresh(engine, "sessionkit_cleanup_bench", threads + 2)) {
      System.out.printf(
          "Cleanup under load: %s, %d CPUs, %s%n",
          database.version(), Runtime.getRuntime().availableProcessors(), Instant.now());
      Instant now = Instant.now();
      long fillStart = System.nanoTime();
      database.insert('l', 1, live, now.plus(Duration.ofDays(1)));
      database.insert('e', 1, expired, now.minus(Duration.ofDays(1)));
      database.analyze();
      System.out.printf(
          "Filled %,d live and %,d expired rows in %.1f s%n",
          live, expired, (System.nanoTime() - fillStart) / 1e9);

      JdbcSessionStore store =
          new JdbcSessionStore(database.pool, SessionSettings.builder().build());
      System.out.println("Warm-up ...");
      runLoad(store, live, threads, deadline(Duration.ofSeconds(5)), () -> true);

      Latencies baseline = runLoad(store, live, threads, deadline(phase), () -> true);
      System.out.println("Without cleanup:   load+save " + baseline.summary());

      AtomicBoolean cleaning = new AtomicBoolean(true);
      AtomicLong cleanupNanos = new AtomicLong();
      int[] removed = new int[1];
      Thread cleanup =
          new Thread(
              () -> {
                long start = System.nanoTime();
                try {
                  removed[0] = store.clearExpired();
                } finally {
                  cleanupNanos.set(System.nanoTime() - start);
                  cleaning.set(false);
                }
              },
              "cleanup");
      cleanup.start();
      Latencies during = runLoad(store, live, threads, cleaning::get, cleaning::get);
      cleanup.join();
      System.out.println("During cleanup:    load+save " + during.summary());
      System.out.printf(
          "Cleanup: removed %,d expired rows in %.1f s (%,.0f rows/s), %,d rows left%n",
          removed[0],
          cleanupNanos.get() / 1e9,
          removed[0] / (cleanupNanos.get() / 1e9),
          database.rows());

      Latencies after = runLoad(store, live, threads, deadline(phase), () -> true);
      System.out.println("After cleanup:     load+save " + after.summary());
    }
  }

  private static BooleanSupplier deadline(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    return () -> System.nanoTime() < end;
  }

  /**
   * Runs {@code threads} threads of load-then-save while {@code running}; records the requests that
   * start while {@code recording}.
   */
  private static Latencies runLoad(
      JdbcSessionStore store,
      int live,
      int threads,
      BooleanSupplier running,
      BooleanSupplier recording)
      throws InterruptedException {
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.getAsBoolean()) {
                  boolean record = recording.getAsBoolean();
                  long begin = System.nanoTime();
                  Session session =
                      store.open(BenchDatabase.key('l', random.nextLong(1, live + 1)));
                  Integer n = session.get("n", Integer.class);
                  session.put("n", n == null ? 1 : n + 1);
                  session.save();
                  if (record) {
                    latencies.record(System.nanoTime() - begin);
                  }
                }
              },
              "load-" + t);
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return Latencies.merged(perThread);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
