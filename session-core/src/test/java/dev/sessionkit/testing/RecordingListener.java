package dev.sessionkit.testing;

import dev.sessionkit.SessionListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionListener} that records what it hears, so tests can check that a store did (or did
 * not) go to its backend and told its listeners exactly once per event. Thread-safe.
 */
public final class RecordingListener implements SessionListener {

  private final AtomicInteger loadsFound = new AtomicInteger();
  private final AtomicInteger loadsMissing = new AtomicInteger();
  private final AtomicInteger conflicts = new AtomicInteger();
  private final List<String> created = new CopyOnWriteArrayList<>();
  private final List<String> saved = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private final List<String> expired = new CopyOnWriteArrayList<>();
  private final List<String> failedOperations = new CopyOnWriteArrayList<>();
  private final List<String> unconvertible = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<String, Map<String, Object>>> revoked = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<String, Map<String, Object>>> othersRevoked =
      new CopyOnWriteArrayList<>();

  @Override
  public void loaded(String sessionKey, boolean found, Duration latency) {
    (found ? loadsFound : loadsMissing).incrementAndGet();
  }

  @Override
  public void created(String sessionKey, Duration latency) {
    created.add(sessionKey);
  }

  @Override
  public void saved(String sessionKey, int conflicts, Duration latency) {
    saved.add(sessionKey);
    this.conflicts.addAndGet(conflicts);
  }

  @Override
  public void deleted(String sessionKey, Duration latency) {
    deleted.add(sessionKey);
  }

  @Override
  public void revoked(String principalName, Map<String, ?> data) {
    revoked.add(Map.entry(principalName, new HashMap<String, Object>(data)));
  }

  @Override
  public void othersRevoked(String principalName, Map<String, ?> keptData) {
    othersRevoked.add(Map.entry(principalName, new HashMap<String, Object>(keptData)));
  }

  @Override
  public void expired(String sessionKey) {
    expired.add(sessionKey);
  }

  @Override
  public void failed(@Nullable String sessionKey, String operation, RuntimeException failure) {
    failedOperations.add(operation);
  }

  @Override
  public void unconvertibleValue(@Nullable String sessionKey, String dataKey, Class<?> type) {
    unconvertible.add(dataKey + " as " + type.getSimpleName());
  }

  /** Loads of every outcome. */
  public int loads() {
    return loadsFound.get() + loadsMissing.get();
  }

  /** Loads that found a live record. */
  public int loadsFound() {
    return loadsFound.get();
  }

  /** Loads that found no live record. */
  public int loadsMissing() {
    return loadsMissing.get();
  }

  public int saves() {
    return saved.size();
  }

  public int creates() {
    return created.size();
  }

  public int deletes() {
    return deleted.size();
  }

  /** The keys of the records created, in order. */
  public List<String> createdKeys() {
    return List.copyOf(created);
  }

  /** The keys of the records saved, one per save, in order. */
  public List<String> savedKeys() {
    return List.copyOf(saved);
  }

  /** The keys of the records deleted, in order. */
  public List<String> deletedKeys() {
    return List.copyOf(deleted);
  }

  /** The keys of the records cleanup removed as expired, in order. */
  public List<String> expiredKeys() {
    return List.copyOf(expired);
  }

  /** The concurrent saves that saves merged with, added up. */
  public int conflicts() {
    return conflicts.get();
  }

  /** The operations reported failed, in order ({@code load}, {@code save}, ...). */
  public List<String> failedOperations() {
    return List.copyOf(failedOperations);
  }

  /** The values read as absent because they did not convert: {@code "<data key> as <Type>"}. */
  public List<String> unconvertibleValues() {
    return List.copyOf(unconvertible);
  }

  /** The revocations heard, in order: each the principal's name and the revoked session's data. */
  public List<Map.Entry<String, Map<String, Object>>> revocations() {
    return List.copyOf(revoked);
  }

  /**
   * The {@code othersRevoked} calls heard, in order: each the principal's name and the kept
   * session's data.
   */
  public List<Map.Entry<String, Map<String, Object>>> othersRevocations() {
    return List.copyOf(othersRevoked);
  }

  /** Forgets everything heard so far. */
  public void reset() {
    loadsFound.set(0);
    loadsMissing.set(0);
    conflicts.set(0);
    created.clear();
    saved.clear();
    deleted.clear();
    expired.clear();
    failedOperations.clear();
    unconvertible.clear();
    revoked.clear();
    othersRevoked.clear();
  }

  @Override
  public String toString() {
    return "RecordingListener[loadsFound="
        + loadsFound
        + ", loadsMissing="
        + loadsMissing
        + ", saves="
        + saved.size()
        + ", creates="
        + created.size()
        + ", deletes="
        + deleted.size()
        + ", expired="
        + expired.size()
        + ", failed="
        + failedOperations
        + "]";
  }
}
