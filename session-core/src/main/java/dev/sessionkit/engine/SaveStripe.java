package dev.sessionkit.engine;

import dev.sessionkit.spi.StoredRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The save state of one stripe of session keys within a store, guarded by this object's monitor:
 * what the store last wrote, the write in flight, and the saves of that key that wait to be written
 * together once it lands.
 *
 * <p>Why. Saves of one key must take turns (each one compares and sets the version the previous one
 * wrote), so with a turn costing a round trip to the server, parallel requests of one visitor would
 * queue one round trip each. Instead, while a write is in flight, the saves of its key that arrive
 * apply their changes, each on its own thread, to a copy of the record being written; when that
 * write lands, the copy is written once for all of them (group commit). A batch whose base did not
 * land as it was (another instance saved meanwhile, the record was deleted, the write failed) is
 * dissolved, and its saves start over on their own, so nothing is written over a record no member
 * has seen.
 */
final class SaveStripe {

  /** The record this store last wrote under a key of the stripe, or null. */
  @Nullable Written lastWritten;

  /** The write in flight in this stripe, or null when none is. */
  @Nullable Flight flight;

  /** The saves of the flight's key waiting to be written after it, or null. */
  @Nullable Batch next;

  /**
   * Whether saves may join the flight: not while its writer retries after a conflict, since the
   * record in flight is then about to change.
   */
  boolean flightJoinable = true;

  /** How many saves wait for the stripe without being able to join its flight. */
  int blocked;

  /** The data last loaded in the stripe, as decoded (read without the monitor). */
  volatile @Nullable DecodedSnapshot snapshot;

  /** A record written by this store. */
  record Written(
      String key, long version, String encoded, Instant expiry, @Nullable Instant created) {

    static Written of(String key, StoredRecord record) {
      return new Written(key, record.version(), record.data(), record.expiry(), record.created());
    }
  }

  /** The record a write in flight stores under {@code key}. */
  record Flight(String key, long version, String encoded, @Nullable Instant created) {

    static Flight of(String key, StoredRecord record) {
      return new Flight(key, record.version(), record.data(), record.created());
    }
  }

  /** Where a batch is: joinable, about to be written, written, failed, or given up. */
  enum BatchState {
    OPEN,
    WRITING,
    WRITTEN,
    FAILED,
    DISSOLVED
  }

  /**
   * Saves of one key that go together, on top of the record of the flight before them. The first
   * member writes the batch; every member returns with its outcome.
   */
  static final class Batch {

    final String key;
    final long baseVersion;
    final String baseEncoded;
    final @Nullable Instant created;
    final Object leader;
    String encoded;

    /**
     * Written under both the stripe's monitor and this batch's ({@link #moveTo}), so it reads under
     * either.
     */
    BatchState state = BatchState.OPEN;

    @Nullable StoredRecord record;
    @Nullable RuntimeException failure;
    boolean membersSaveAlone;

    Batch(Flight base, String encoded, Object leader) {
      this.key = base.key();
      this.baseVersion = base.version();
      this.baseEncoded = base.encoded();
      this.created = base.created();
      this.encoded = encoded;
      this.leader = leader;
    }

    /**
     * Under the stripe's monitor: moves the batch to {@code next}, and wakes the members waiting in
     * {@link #awaitEnd()} once it has ended (the leader waits on the stripe's monitor).
     */
    void moveTo(BatchState next) {
      synchronized (this) {
        state = next;
        if (next != BatchState.OPEN && next != BatchState.WRITING) {
          notifyAll();
        }
      }
    }

    /** The state, read without the stripe's monitor. */
    synchronized BatchState state() {
      return state;
    }

    /**
     * Waits, without the stripe's monitor, until the batch has been written, failed or dissolved;
     * an interrupt is kept for later, as in {@link SaveStripe#awaitChange()}.
     *
     * @return whether the thread was interrupted while waiting
     */
    synchronized boolean awaitEnd() {
      boolean interrupted = false;
      while (state == BatchState.OPEN || state == BatchState.WRITING) {
        try {
          wait();
        } catch (InterruptedException ex) {
          interrupted = true;
        }
      }
      return interrupted;
    }

    /** Whether {@code written} is the record this batch was built on, as it was. */
    boolean restsOn(Written written) {
      return written.key().equals(key)
          && written.version() == baseVersion
          && written.encoded().equals(baseEncoded);
    }
  }

  /**
   * Waits on this stripe's monitor (held by the caller) for a change of state; an interrupt is kept
   * for later, because a member that left would strand its batch.
   *
   * @return whether the thread was interrupted while waiting
   */
  boolean awaitChange() {
    try {
      wait();
      return false;
    } catch (InterruptedException ex) {
      return true;
    }
  }
}
