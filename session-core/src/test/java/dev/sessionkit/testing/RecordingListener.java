package dev.sessionkit.testing;

import dev.sessionkit.SessionStoreObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SessionStoreObserver} that counts what it hears, so tests can check that a store did (or
 * did not) go to its backend. Not thread-safe: one test, one thread.
 */
public final class RecordingObserver implements SessionStoreObserver {

  private int loadsFound;
  private int loadsMissing;
  private int saves;
  private int creates;
  private int deletes;
  private final List<String> failedOperations = new ArrayList<>();

  @Override
  public void loaded(Duration latency, boolean found) {
    if (found) {
      loadsFound++;
    } else {
      loadsMissing++;
    }
  }

  @Override
  public void saved(Duration latency) {
    saves++;
  }

  @Override
  public void created(Duration latency) {
    creates++;
  }

  @Override
  public void deleted(Duration latency) {
    deletes++;
  }

  @Override
  public void failed(String operation, RuntimeException failure) {
    failedOperations.add(operation);
  }

  /** Loads of every outcome. */
  public int loads() {
    return loadsFound + loadsMissing;
  }

  /** Loads that found a live record. */
  public int loadsFound() {
    return loadsFound;
  }

  /** Loads that found no live record. */
  public int loadsMissing() {
    return loadsMissing;
  }

  public int saves() {
    return saves;
  }

  public int creates() {
    return creates;
  }

  public int deletes() {
    return deletes;
  }

  /** The operations reported failed, in order ({@code load}, {@code save}, ...). */
  public List<String> failedOperations() {
    return List.copyOf(failedOperations);
  }

  /** Forgets everything heard so far. */
  public void reset() {
    loadsFound = 0;
    loadsMissing = 0;
    saves = 0;
    creates = 0;
    deletes = 0;
    failedOperations.clear();
  }

  @Override
  public String toString() {
    return "RecordingObserver[loadsFound="
        + loadsFound
        + ", loadsMissing="
        + loadsMissing
        + ", saves="
        + saves
        + ", creates="
        + creates
        + ", deletes="
        + deletes
        + ", failed="
        + failedOperations
        + "]";
  }
}
