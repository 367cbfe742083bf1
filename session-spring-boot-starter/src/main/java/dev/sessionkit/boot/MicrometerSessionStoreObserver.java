package dev.sessionkit.boot;

import dev.sessionkit.SessionStoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Micrometer meters for a session store, each tagged {@code backend} ({@code db}, {@code file},
 * {@code cache}):
 *
 * <ul>
 *   <li>{@code sessionkit.session.load} (timer, tag {@code result}: {@code found} or {@code
 *       missing}): loads of a session's data;
 *   <li>{@code sessionkit.session.save} (timer): writes of an existing session;
 *   <li>{@code sessionkit.session.creates} (counter): sessions stored under a new key;
 *   <li>{@code sessionkit.session.deletes} (counter): sessions deleted (logouts, key cycling);
 *   <li>{@code sessionkit.session.failures} (counter, tags {@code operation} and {@code
 *       exception}): backend failures.
 * </ul>
 */
final class MicrometerSessionStoreObserver implements SessionStoreObserver {

  static final String LOAD = "sessionkit.session.load";
  static final String SAVE = "sessionkit.session.save";
  static final String CREATES = "sessionkit.session.creates";
  static final String DELETES = "sessionkit.session.deletes";
  static final String FAILURES = "sessionkit.session.failures";

  private final MeterRegistry registry;
  private final String backend;
  private final Timer loadsFound;
  private final Timer loadsMissing;
  private final Timer saves;
  private final Counter creates;
  private final Counter deletes;

  MicrometerSessionStoreObserver(MeterRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
    this.loadsFound = loadTimer("found");
    this.loadsMissing = loadTimer("missing");
    this.saves =
        Timer.builder(SAVE)
            .description("Writes of an existing session")
            .tag("backend", backend)
            .register(registry);
    this.creates =
        Counter.builder(CREATES)
            .description("Sessions stored under a new key")
            .tag("backend", backend)
            .register(registry);
    this.deletes =
        Counter.builder(DELETES)
            .description("Sessions deleted")
            .tag("backend", backend)
            .register(registry);
  }

  private Timer loadTimer(String result) {
    return Timer.builder(LOAD)
        .description("Loads of a session's data")
        .tags("backend", backend, "result", result)
        .register(registry);
  }

  @Override
  public void loaded(Duration latency, boolean found) {
    (found ? loadsFound : loadsMissing).record(latency);
  }

  @Override
  public void saved(Duration latency) {
    saves.record(latency);
  }

  @Override
  public void created(Duration latency) {
    creates.increment();
  }

  @Override
  public void deleted(Duration latency) {
    deletes.increment();
  }

  @Override
  public void failed(String operation, RuntimeException failure) {
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
