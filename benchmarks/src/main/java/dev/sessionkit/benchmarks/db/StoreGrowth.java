package dev.sessionkit.benchmarks.db;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.jdbc.JdbcSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 11's growth check on PostgreSQL: (a) the latency of loading a session as the table grows
 * from 10,000 to 1,000,000 live rows, which should stay flat because a load is one lookup by
 * primary key; (b) the time {@link JdbcSessionStore#clearExpired()} takes for 10,000, 50,000 and
 * 200,000 expired rows (beside 10,000 live ones), which should grow linearly, the cleanup working
 * in batches of 1,000. Prints the figures and the plan of the load query; asserts nothing about
 * time.
 *
 * <p>Run: {@code benchmarks/run-db.sh growth}. Sizes by {@code -Dbench.sizes=10000,100000,1000000}
 * and {@code -Dbench.expired-sizes=10000,50000,200000}; loads per size by {@code bench.loads} (as
 * many again before each measurement, to warm up); one unmeasured cleanup of 10,000 rows first.
 */
public final class StoreGrowth {

  private StoreGrowth() {}

  public static void main(String[] args) throws Exception {
    String engine = System.getProperty("bench.db", "postgresql");
    List<Long> sizes = longs(System.getProperty("bench.sizes", "10000,100000,1000000"));
    List<Long> expiredSizes =
        longs(System.getProperty("bench.expired-sizes", "10000,50000,200000"));
    int loads = Integer.getInteger("bench.loads", 20_000);

    try (BenchDatabase database = BenchDatabase.fresh(engine, "sessionkit_growth", 2)) {
      System.out.printf(
          "Store growth: %s, %d CPUs, %s%n",
          database.version(), Runtime.getRuntime().availableProcessors(), Instant.now());
      JdbcSessionStore store =
          new JdbcSessionStore(database.pool, SessionSettings.builder().build());
      Instant liveUntil = Instant.now().plus(Duration.ofDays(1));

      System.out.println("(a) load latency by stored sessions, one thread, random keys");
      long stored = 0;
      for (long size : sizes) {
        database.insert('l', stored + 1, size, liveUntil);
        stored = size;
        database.analyze();
        loadRandomly(store, stored, loads);
        Latencies latencies = loadRandomly(store, stored, loads);
        System.out.printf("  %,10d sessions: load %s%n", database.rows(), latencies.summary());
      }
      System.out.println(
          "  plan: "
              + String.join(
                  " / ",
                  database.jdbc.queryForList(
                      (engine.equals("postgresql") ? "EXPLAIN " : "EXPLAIN FORMAT=JSON ")
                          + "SELECT session_data, expire_date, version FROM "
                          + BenchDatabase.TABLE
                          + " WHERE session_key = '"
                          + BenchDatabase.key('l', 1)
                          + "' AND expire_date > TIMESTAMP '2000-01-01 00:00:00'",
                      String.class)));

      System.out.println("(b) clearExpired() by expired rows, beside 10,000 live rows");
      database.jdbc.execute("DELETE FROM " + BenchDatabase.TABLE);
      database.insert('e', 1, 10_000, Instant.now().minus(Duration.ofDays(1)));
      store.clearExpired(); // warm-up, not measured
      for (long expired : expiredSizes) {
        database.jdbc.execute("DELETE FROM " + BenchDatabase.TABLE);
        database.insert('l', 1, 10_000, liveUntil);
        database.insert('e', 1, expired, Instant.now().minus(Duration.ofDays(1)));
        database.analyze();
        long start = System.nanoTime();
        int removed = store.clearExpired();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "  %,8d expired: removed %,d in %.2f s (%.1f µs per row, %,.0f rows/s), %,d left%n",
            expired, removed, seconds, seconds * 1e6 / removed, removed / seconds, database.rows());
      }
    }
  }

  private static Latencies loadRandomly(JdbcSessionStore store, long stored, int count) {
    Latencies latencies = new Latencies();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < count; i++) {
      long begin = System.nanoTime();
      Session session = store.open(BenchDatabase.key('l', random.nextLong(1, stored + 1)));
      if (session.get("n") == null) {
        throw new IllegalStateException("a stored session did not load");
      }
      latencies.record(System.nanoTime() - begin);
    }
    return Latencies.merged(List.of(latencies));
  }

  private static List<Long> longs(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(Long::valueOf).toList();
  }
}
