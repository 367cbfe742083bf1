package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;
import java.util.concurrent.ScheduledFuture;
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
 */
final class SessionCleanup implements SmartLifecycle {

  private static final Log logger = LogFactory.getLog(SessionCleanup.class);

  private final SessionStore store;
  private final String cron;
  private @Nullable ThreadPoolTaskScheduler scheduler;
  private @Nullable ScheduledFuture<?> task;

  /**
   * @throws SessionkitConfigurationException when {@code cron} is not a cron expression
   */
  SessionCleanup(SessionStore store, String cron) {
    try {
      CronExpression.parse(cron);
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
    this.store = store;
    this.cron = cron;
  }

  /** Removes expired sessions now; returns how many, or -1 when the backend failed. */
  int clearExpired() {
    try {
      int removed = store.clearExpired();
      if (logger.isDebugEnabled()) {
        logger.debug("Removed " + removed + " expired sessions from " + store);
      }
      return removed;
    } catch (RuntimeException ex) {
      logger.warn(
          "Could not remove expired sessions from "
              + store
              + "; trying again at the next"
              + " scheduled run",
          ex);
      return -1;
    }
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
    task = newScheduler.schedule(this::clearExpired, new CronTrigger(cron));
    logger.debug("Expired sessions will be removed from " + store + " on '" + cron + "'");
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
}
