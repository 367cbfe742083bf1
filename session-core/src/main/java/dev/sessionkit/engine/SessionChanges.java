package dev.sessionkit.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What one session changed since it was loaded or last saved, kept so that a save that finds
 * another request's save in its way can apply the same changes again to what is stored now.
 *
 * <p>Per data key it keeps the last plain change (a put of a value, or a removal) followed by the
 * {@code compute} updates made after it; a put or removal replaces what came before for that key.
 * {@link #clear()} forgets every earlier change and makes the replay start from empty data. Each
 * replay of a put followed by updates starts from a copy of the put value (a JSON value; another
 * object is used as it is), so an update that changes its argument in place is applied once per
 * replay, never on top of an earlier one. Not thread-safe: a session belongs to one request.
 */
final class SessionChanges {

  /** A value's update, given the current value; returns the new value or null to remove it. */
  interface Update extends BiFunction<String, @Nullable Object, @Nullable Object> {}

  private static final Object REMOVED = new Object();

  /** A plain put of a value, which may be null. */
  private record Put(@Nullable Object value) {}

  private final Map<String, KeyChange> byKey = new LinkedHashMap<>();
  private boolean cleared;

  void put(String key, @Nullable Object value) {
    byKey.put(key, new KeyChange(new Put(value), null));
  }

  /** Whether the last plain change of {@code key} is a put (whose value a replay puts again). */
  boolean putPending(String key) {
    KeyChange change = byKey.get(key);
    return change != null && change.plain() instanceof Put;
  }

  void remove(String key) {
    byKey.put(key, new KeyChange(REMOVED, null));
  }

  void compute(String key, Update update) {
    KeyChange previous = byKey.get(key);
    byKey.put(key, previous == null ? new KeyChange(null, update) : previous.then(update));
  }

  /**
   * Records, as puts, the values of {@code current} that differ from {@code asLoaded} although no
   * change of them was tracked: objects the application changed in place (a list it got from the
   * session and added to), which a merge would otherwise drop.
   */
  void putUntrackedEdits(
      Map<String, @Nullable Object> current, Map<String, @Nullable Object> asLoaded) {
    if (cleared) {
      return;
    }
    current.forEach(
        (key, value) -> {
          if (!byKey.containsKey(key) && !Objects.equals(value, asLoaded.get(key))) {
            put(key, value);
          }
        });
  }

  void clear() {
    byKey.clear();
    cleared = true;
  }

  /** Forgets everything: the data now stored holds these changes. */
  void reset() {
    byKey.clear();
    cleared = false;
  }

  boolean isEmpty() {
    return byKey.isEmpty() && !cleared;
  }

  /** Applies these changes, in the order they were made, to {@code stored} (which it changes). */
  Map<String, @Nullable Object> applyTo(Map<String, @Nullable Object> stored) {
    if (cleared) {
      stored.clear();
    }
    byKey.forEach((key, change) -> change.applyTo(key, stored));
    return stored;
  }

  /**
   * One key's change: a {@link Put}, {@link #REMOVED}, or null when the updates start from the
   * stored value; then the updates, composed in order.
   */
  private record KeyChange(@Nullable Object plain, @Nullable Update updates) {

    KeyChange then(Update next) {
      Update earlier = updates;
      if (earlier == null) {
        return new KeyChange(plain, next);
      }
      return new KeyChange(plain, (key, value) -> next.apply(key, earlier.apply(key, value)));
    }

    void applyTo(String key, Map<String, @Nullable Object> data) {
      if (plain == REMOVED) {
        data.remove(key);
      } else if (plain instanceof Put put) {
        // a copy, so that an update that changes its argument in place leaves the put as it was
        data.put(key, updates == null ? put.value() : DecodedSnapshot.copyOfValue(put.value()));
      }
      if (updates != null) {
        Object next = updates.apply(key, data.get(key));
        if (next == null) {
          data.remove(key);
        } else {
          data.put(key, next);
        }
      }
    }
  }
}
