package dev.sessionkit.boot.cleanup;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionStores;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Removes expired sessions on a cron schedule, on a scheduler thread of its own (so it needs no
 * {@code @EnableScheduling}), for the backends whose records stay until removed (db, file, and any
 * store that is not a {@link dev.sessionkit.engine.StorageSessionStore}). A backend whose
 * capabilities say it {@linkplain dev.sessionkit.spi.StorageCapabilities#expiresRecordsItself()
 * expires records itself} (a cache) is not scheduled. A failed run is logged and the next one runs
 * as planned.
 *
 * <p>Design. Each time the cron fires, the run is scheduled on the same scheduler after a random
 * delay of up to {@code jitter} (drawn from the injected {@link RandomGenerator}), so that
 * instances whose cron fires at the same second reach the database at different moments; nothing
 * sleeps. The run itself goes through the {@link SessionCleanupLock}: on the shared database
 * backends only the instance that takes the lock cleans, and the others skip that run.
 *
 * <p>Internal to the starter: public only so that the auto-configuration creates it. Not API; it
 * may change in any release.
 */
public final class SessionCleanup implements SmartLifecycle {

  private static final Log logger = LogFactory.getLog(SessionCleanup.class);

  private final SessionStore store;
  private final String cron;
  private final Duration jitter;
  private final SessionCleanupLock lock;
  private final Duration lockAtMostFor;
  private final Duration lockAtLeastFor;
  private final RandomGenerator random;
  private @Nullable ThreadPoolTaskScheduler scheduler;
  private @Nullable ScheduledFuture<?> task;

  /**
   * A cleanup with the default jitter and lock durations and no lock, for a store that no other
   * instance cleans.
   *
   * @throws SessionkitConfigurationException when {@code cron} is not a cron expression
   */
  SessionCleanup(SessionStore store, String cron) {
    this(store, withCron(cron), SessionCleanupLock.none(), RandomGenerator.getDefault());
  }

  /**
   * @param random where the jitter delays come from
   * @throws SessionkitConfigurationException when a property is not valid (its message names it)
   */
  public SessionCleanup(
      SessionStore store,
      SessionkitProperties.Cleanup properties,
      SessionCleanupLock lock,
      RandomGenerator random) {
    this.cron = validCron(properties.getCron());
    this.jitter = properties.getJitter();
    this.lockAtMostFor = properties.getLockAtMostFor();
    this.lockAtLeastFor = properties.getLockAtLeastFor();
    validateDurations(jitter, lockAtMostFor, lockAtLeastFor);
    this.store = store;
    this.lock = lock;
    this.random = random;
  }

  private static SessionkitProperties.Cleanup withCron(String cron) {
    SessionkitProperties.Cleanup properties = new SessionkitProperties.Cleanup();
    properties.setCron(cron);
    return properties;
  }

  private static String validCron(String cron) {
    try {
      CronExpression.parse(cron);
      return cron;
    } catch (IllegalArgumentException ex) {
      throw new SessionkitConfigurationException(
          "sessionkit.cleanup.cron '"
              + cron
              + "' is not a valid cron expression: "
              + ex.getMessage(),
          "Set sessionkit.cleanup.cron to a Spring cron expression (six fields: second, minute,"
              + " hour, day of month, month, day of week), such as '0 0 * * * *' for hourly, or"
              + " turn the cleanup off with sessionkit.cleanup.enabled=false.");
    }
  }

  private static void validateDurations(
      Duration jitter, Duration lockAtMostFor, Duration lockAtLeastFor) {
    if (jitter.isNegative()) {
      throw new SessionkitConfigurationException(
          "sessionkit.cleanup.jitter is " + jitter + "; a delay cannot be negative.",
          "Set sessionkit.cleanup.jitter to a duration such as 30s (the default), or 0 to run"
              + " each cleanup as soon as the cron fires.");
    }
    if (lockAtMostFor.isNegative() || lockAtMostFor.isZero()) {
      throw new SessionkitConfigurationException(
          "sessionkit.cleanup.lock-at-most-for is "
              + lockAtMostFor
              + "; the cleanup lock must hold for some time.",
          "Set sessionkit.cleanup.lock-at-most-for to a duration longer than a cleanup takes,"
              + " such as 10m (the default).");
    }
    if (lockAtLeastFor.isNegative() || lockAtLeastFor.compareTo(lockAtMostFor) > 0) {
      throw new SessionkitConfigurationException(
          "sessionkit.cleanup.lock-at-least-for is "
              + lockAtLeastFor
              + "; it must be between 0 and sessionkit.cleanup.lock-at-most-for ("
              + lockAtMostFor
              + ").",
          "Set sessionkit.cleanup.lock-at-least-for to a duration no longer than"
              + " sessionkit.cleanup.lock-at-most-for, such as 1m (the default).");
    }
  }

  /**
   * Removes expired sessions now, if the lock is free; a failure is logged, not thrown.
   *
   * @return what happened: how many sessions were removed, or that another instance held the lock,
   *     or that the run failed
   */
  CleanupRun clearExpired() {
    try {
      OptionalInt removed = lock.runIfFree(store::clearExpired, lockAtMostFor, lockAtLeastFor);
      if (removed.isEmpty()) {
        logger.debug(
            "Another instance is removing the expired sessions from " + store + "; run skipped");
        return CleanupRun.skipped();
      }
      if (logger.isDebugEnabled()) {
        logger.debug("Removed " + removed.getAsInt() + " expired sessions from " + store);
      }
      return CleanupRun.removed(removed.getAsInt());
    } catch (RuntimeException ex) {
      logger.warn(
          "Could not remove expired sessions from "
              + store
              + " (cleanup lock: "
              + lock
              + "); trying again at the next scheduled run",
          ex);
      return CleanupRun.failed();
    }
  }

  /**
   * What the cron runs: schedules {@link #clearExpired()} after {@link #nextDelay()}, on the
   * cleanup's scheduler. Returns the scheduled run, or null when the cleanup is stopped.
   */
  synchronized @Nullable ScheduledFuture<?> clearExpiredAfterJitter() {
    ThreadPoolTaskScheduler currentScheduler = scheduler;
    if (currentScheduler == null) {
      return null;
    }
    return currentScheduler.schedule(this::clearExpired, Instant.now().plus(nextDelay()));
  }

  /** A random delay from 0 to the jitter, both included (zero when the jitter is zero). */
  Duration nextDelay() {
    long bound = jitter.toMillis();
    return bound == 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(bound + 1));
  }

  /** Whether runs are scheduled (started, and the backend needs cleaning). */
  synchronized boolean isScheduled() {
    return task != null;
  }

  /** The scheduled runs while started (the delay until the next run), else null. */
  synchronized @Nullable ScheduledFuture<?> scheduledRuns() {
    return task;
  }

  /** The scheduler thread pool while started, else null. */
  synchronized @Nullable ThreadPoolTaskScheduler scheduler() {
    return scheduler;
  }

  /** The lock that runs go through. */
  SessionCleanupLock lock() {
    return lock;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null || !SessionStores.needsCleanup(store)) {
      return;
    }
    ThreadPoolTaskScheduler newScheduler = new ThreadPoolTaskScheduler();
    newScheduler.setThreadNamePrefix("sessionkit-cleanup-");
    newScheduler.setDaemon(true);
    newScheduler.initialize();
    scheduler = newScheduler;
    task = newScheduler.schedule(this::clearExpiredAfterJitter, new CronTrigger(cron));
    logger.debug(
        "Expired sessions will be removed from "
            + store
            + " on '"
            + cron
            + "', up to "
            + jitter
            + " later (cleanup lock: "
            + lock
            + ")");
  }

  @Override
  public synchronized void stop() {
    ScheduledFuture<?> currentTask = task;
    if (currentTask != null) {
      currentTask.cancel(false);
      task = null;
    }
    ThreadPoolTaskScheduler currentScheduler = scheduler;
    if (currentScheduler != null) {
      currentScheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /**
   * The outcome of one run.
   *
   * @param outcome whether the run cleaned, was skipped or failed
   * @param removed how many sessions it removed (0 unless cleaned)
   */
  record CleanupRun(Outcome outcome, int removed) {

    static CleanupRun removed(int removed) {
      return new CleanupRun(Outcome.CLEANED, removed);
    }

    static CleanupRun skipped() {
      return new CleanupRun(Outcome.SKIPPED, 0);
    }

    static CleanupRun failed() {
      return new CleanupRun(Outcome.FAILED, 0);
    }

    /** What a run did. */
    enum Outcome {
      /** Took the lock (or needed none) and removed the expired sessions. */
      CLEANED,
      /** Another instance held the lock. */
      SKIPPED,
      /** The backend or the lock failed; logged. */
      FAILED
    }
  }
}
