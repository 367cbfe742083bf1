package dev.sessionkit.benchmarks.jmh;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Session} operations on a session already loaded from its store, so that no backend I/O and
 * no decoding is measured: what a handler pays per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionBenchmark {

  private final SessionStore store =
      new CacheSessionStore(SessionCaches.caffeine("benchmark", 1_000, Clock.systemUTC()));
  private String key = "";
  private Session session = store.newSession();
  private int counter;

  @Setup(Level.Trial)
  public void storeSession() {
    Session stored = store.newSession();
    stored.update(SampleData.typicalSession());
    stored.save();
    key = Objects.requireNonNull(stored.getSessionKey());
  }

  /** A freshly loaded session per iteration, so change tracking does not grow across them. */
  @Setup(Level.Iteration)
  public void loadSession() {
    session = store.open(key);
    session.get("n");
  }

  @Benchmark
  public Object get() {
    return session.get("n");
  }

  @Benchmark
  public Integer getTyped() {
    return session.get("n", Integer.class);
  }

  @Benchmark
  public void put() {
    session.put("n", ++counter);
  }

  @Benchmark
  public Integer compute() {
    return session.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
  }

  /** Opening a session by key and reading one value: the in-process load and decode. */
  @Benchmark
  public Object openAndGet() {
    return store.open(key).get("n");
  }
}
