package dev.sessionkit.boot.metrics;

import dev.sessionkit.SessionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for a session store, one listener among any others the store has. Each meter is
 * tagged {@code backend} ({@code db}, {@code file}, {@code cache}, ...), never with a session key:
 *
 * <ul>
 *   <li>{@code sessionkit.session.load} (timer, tag {@code result}: {@code found} or {@code
 *       missing}): loads of a session's data;
 *   <li>{@code sessionkit.session.save} (timer): writes of an existing session;
 *   <li>{@code sessionkit.session.creates} (counter): sessions stored under a new key;
 *   <li>{@code sessionkit.session.deletes} (counter): sessions deleted (logouts, key cycling);
 *   <li>{@code sessionkit.session.expired} (counter): expired sessions removed by the cleanup;
 *   <li>{@code sessionkit.session.conflicts} (counter): concurrent saves that a save merged with;
 *   <li>{@code sessionkit.session.unconvertible} (counter): stored values that no longer convert to
 *       the type asked for and were read as absent;
 *   <li>{@code sessionkit.session.size} (distribution summary, bytes): the encoded size of each
 *       session written;
 *   <li>{@code sessionkit.session.failures} (counter, tags {@code operation} and {@code
 *       exception}): backend failures.
 * </ul>
 */
final class MicrometerSessionListener implements SessionListener {

  static final String LOAD = "sessionkit.session.load";
  static final String SAVE = "sessionkit.session.save";
  static final String CREATES = "sessionkit.session.creates";
  static final String DELETES = "sessionkit.session.deletes";
  static final String EXPIRED = "sessionkit.session.expired";
  static final String CONFLICTS = "sessionkit.session.conflicts";
  static final String UNCONVERTIBLE = "sessionkit.session.unconvertible";
  static final String FAILURES = "sessionkit.session.failures";
  static final String SIZE = "sessionkit.session.size";

  private final MeterRegistry registry;
  private final String backend;
  private final Timer loadsFound;
  private final Timer loadsMissing;
  private final Timer saves;
  private final Counter creates;
  private final Counter deletes;
  private final Counter expired;
  private final Counter conflicts;
  private final Counter unconvertible;
  private final DistributionSummary sizes;

  MicrometerSessionListener(MeterRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
    this.loadsFound = loadTimer("found");
    this.loadsMissing = loadTimer("missing");
    this.saves =
        Timer.builder(SAVE)
            .description("Writes of an existing session")
            .tag("backend", backend)
            .register(registry);
    this.creates = counter(CREATES, "Sessions stored under a new key");
    this.sizes =
        DistributionSummary.builder(SIZE)
            .description("Encoded size of each session written")
            .baseUnit("bytes")
            .tag("backend", backend)
            .register(registry);
    this.deletes = counter(DELETES, "Sessions deleted");
    this.expired = counter(EXPIRED, "Expired sessions removed by the cleanup");
    this.conflicts = counter(CONFLICTS, "Concurrent saves of a session that a save merged with");
    this.unconvertible =
        counter(UNCONVERTIBLE, "Stored session values read as absent because they did not convert");
  }

  private Timer loadTimer(String result) {
    return Timer.builder(LOAD)
        .description("Loads of a session's data")
        .tags("backend", backend, "result", result)
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tag("backend", backend)
        .register(registry);
  }

  @Override
  public void loaded(String sessionKey, boolean found, Duration latency) {
    (found ? loadsFound : loadsMissing).record(latency);
  }

  @Override
  public void saved(String sessionKey, int conflicts, Duration latency) {
    saves.record(latency);
    if (conflicts > 0) {
      this.conflicts.increment(conflicts);
    }
  }

  @Override
  public void created(String sessionKey, Duration latency) {
    creates.increment();
  }

  @Override
  public void deleted(String sessionKey, Duration latency) {
    deletes.increment();
  }

  @Override
  public void expired(String sessionKey) {
    expired.increment();
  }

  @Override
  public void encoded(int bytes) {
    sizes.record(bytes);
  }

  @Override
  public void unconvertibleValue(@Nullable String sessionKey, String dataKey, Class<?> type) {
    unconvertible.increment();
  }

  @Override
  public void failed(@Nullable String sessionKey, String operation, RuntimeException failure) {
    Counter.builder(FAILURES)
        .description("Session backend failures")
        .tags(
            "backend",
            backend,
            "operation",
            operation,
            "exception",
            failure.getClass().getSimpleName())
        .register(registry)
        .increment();
  }
}
