package dev.sessionkit.boot.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.cleanup.SessionCleanup.CleanupRun;
import dev.sessionkit.boot.cleanup.SessionCleanup.CleanupRun.Outcome;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application instances sharing one backend (a database, a session directory), each with its
 * own {@link SessionCleanup} and its own {@link SessionCleanupLock}: only one removes the expired
 * sessions at a time, the other skips, and the lock is free again for the next run. One subclass
 * per backend and database.
 */
abstract class SessionCleanupLockContractTests {

  final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingListener listener = new RecordingListener();
  private StorageSessionStore store;

  /** A store on the shared backend, emptied, with the lock's storage ready and free. */
  abstract StorageSessionStore newStore(SessionSettings settings);

  /** One instance's lock on the shared backend. */
  abstract SessionCleanupLock newLock();

  /** Makes the lock unusable (its table or file gone wrong). */
  abstract void breakTheLock() throws Exception;

  @BeforeEach
  void createStore() {
    store = newStore(SessionSettings.builder().clock(clock).build());
    store.addListener(listener);
  }

  @Test
  void cleanupWhileAnotherInstanceCleansSkipsAndTheRowsAreRemovedOnce() throws Exception {
    List<String> expired = expiredSessions(5);
    CountDownLatch cleaning = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    store.addListener(pauseAtFirstRemoval(cleaning, finish));
    SessionCleanup first = instance(Duration.ZERO);
    SessionCleanup second = instance(Duration.ZERO);

    CompletableFuture<CleanupRun> firstRun = CompletableFuture.supplyAsync(first::clearExpired);
    assertThat(cleaning.await(30, TimeUnit.SECONDS)).as("first instance started removing").isTrue();
    CleanupRun secondRun = second.clearExpired();
    finish.countDown();

    assertThat(secondRun).isEqualTo(new CleanupRun(Outcome.SKIPPED, 0));
    assertThat(firstRun.get(30, TimeUnit.SECONDS)).isEqualTo(new CleanupRun(Outcome.CLEANED, 5));
    assertThat(listener.expiredKeys()).containsExactlyInAnyOrderElementsOf(expired);
  }

  @Test
  void theLockIsReleasedAfterARunSoTheNextRunOfAnotherInstanceCleans() {
    expiredSessions(2);
    assertThat(instance(Duration.ZERO).clearExpired().removed()).isEqualTo(2);
    List<String> later = expiredSessions(3);

    CleanupRun run = instance(Duration.ZERO).clearExpired();

    assertThat(run).isEqualTo(new CleanupRun(Outcome.CLEANED, 3));
    assertThat(listener.expiredKeys()).hasSize(5).containsAll(later);
  }

  @Test
  void aRunStartingWithinLockAtLeastForOfAnotherSkips() {
    expiredSessions(2);
    assertThat(instance(Duration.ofMinutes(5)).clearExpired().removed()).isEqualTo(2);
    expiredSessions(1);

    CleanupRun run = instance(Duration.ofMinutes(5)).clearExpired();

    assertThat(run.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(listener.expiredKeys()).hasSize(2);
  }

  @Test
  void aBrokenLockFailsTheRunWithoutRemovingAnything() throws Exception {
    expiredSessions(1);
    breakTheLock();

    CleanupRun run = instance(Duration.ZERO).clearExpired();

    assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(listener.expiredKeys()).isEmpty();
  }

  /** One application instance: its own cleanup, its own lock provider, the shared database. */
  private SessionCleanup instance(Duration lockAtLeastFor) {
    SessionkitProperties.Cleanup properties = new SessionkitProperties.Cleanup();
    properties.setJitter(Duration.ZERO);
    properties.setLockAtLeastFor(lockAtLeastFor);
    return new SessionCleanup(store, properties, newLock(), RandomGenerator.getDefault());
  }

  /** {@code count} saved sessions, expired by moving the clock past their age. */
  private List<String> expiredSessions(int count) {
    List<String> keys =
        IntStream.range(0, count)
            .mapToObj(
                i -> {
                  Session session = store.newSession();
                  session.put("i", i);
                  session.save();
                  return session.getSessionKey();
                })
            .toList();
    clock.advance(Duration.ofDays(15));
    return keys;
  }

  /** Signals {@code cleaning} at the first removed session, then waits for {@code finish}. */
  private static SessionListener pauseAtFirstRemoval(
      CountDownLatch cleaning, CountDownLatch finish) {
    return new SessionListener() {
      @Override
      public void expired(String sessionKey) {
        if (cleaning.getCount() > 0) {
          cleaning.countDown();
          try {
            finish.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
  }
}
