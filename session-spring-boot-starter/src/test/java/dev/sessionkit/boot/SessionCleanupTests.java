package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Expired sessions are removed on the configured cron schedule, on a scheduler of the cleanup's own
 * that stops with the application. The scheduled run is invoked directly rather than waited for.
 */
class SessionCleanupTests {

  private static final String DAILY_AT_FOUR = "0 0 4 * * *";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SessionkitAutoConfiguration.class));

  @Test
  void theConfiguredCronIsScheduled(@TempDir Path directory) {
    runner
        .withPropertyValues(
            "sessionkit.backend=file",
            "sessionkit.file.path=" + directory,
            "sessionkit.cleanup.cron=" + DAILY_AT_FOUR)
        .run(
            context -> {
              SessionCleanup cleanup = context.getBean(SessionCleanup.class);
              assertThat(cleanup.isScheduled()).isTrue();
              ScheduledFuture<?> runs = Objects.requireNonNull(cleanup.scheduledRuns());
              ZonedDateTime now = ZonedDateTime.now();

              long expected =
                  Duration.between(now, CronExpression.parse(DAILY_AT_FOUR).next(now)).toSeconds();
              assertThat(runs.getDelay(TimeUnit.SECONDS)).isBetween(expected - 60, expected + 1);
            });
  }

  @Test
  void theScheduledRunRemovesExpiredSessionFiles(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    runner
        .withBean(SessionSettings.class, () -> SessionSettings.builder().clock(clock).build())
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Session expiring = store.newSession();
              expiring.put("k", "v");
              expiring.save();
              Session live = store.newSession();
              live.setExpiry(Duration.ofDays(30));
              live.put("k", "v");
              live.save();
              Path expiringFile =
                  directory.resolve(FileSessionStore.FILE_PREFIX + expiring.getSessionKey());
              Path liveFile =
                  directory.resolve(FileSessionStore.FILE_PREFIX + live.getSessionKey());
              clock.advance(Duration.ofDays(15));

              int removed = context.getBean(SessionCleanup.class).clearExpired();

              assertThat(removed).isEqualTo(1);
              assertThat(expiringFile).doesNotExist();
              assertThat(liveFile).exists();
            });
  }

  @Test
  void stoppingShutsTheSchedulerDown(@TempDir Path directory) {
    SessionCleanup cleanup = new SessionCleanup(new FileSessionStore(directory), DAILY_AT_FOUR);
    cleanup.start();
    assertThat(cleanup.isRunning()).isTrue();
    ThreadPoolTaskScheduler scheduler = Objects.requireNonNull(cleanup.scheduler());
    ScheduledFuture<?> runs = Objects.requireNonNull(cleanup.scheduledRuns());
    assertThat(scheduler.getScheduledExecutor().isShutdown()).isFalse();

    cleanup.stop();

    assertThat(runs.isCancelled()).isTrue();
    assertThat(scheduler.getScheduledExecutor().isShutdown()).isTrue();
    assertThat(cleanup.isRunning()).isFalse();
    assertThat(cleanup.scheduler()).isNull();
  }

  @Test
  void aFailedRunIsLoggedAndReportedNotThrown(@TempDir Path directory) throws Exception {
    Path sessions = Files.createDirectory(directory.resolve("sessions"));
    SessionCleanup cleanup = new SessionCleanup(new FileSessionStore(sessions), "0 0 * * * *");
    Files.delete(sessions);

    assertThat(cleanup.clearExpired()).isEqualTo(-1);
  }

  @Test
  void aRunReturnsHowManySessionsItRemoved(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    FileSessionStore store =
        new FileSessionStore(directory, SessionSettings.builder().clock(clock).build());
    for (int i = 0; i < 3; i++) {
      Session session = store.newSession();
      session.put("i", i);
      session.save();
    }
    clock.advance(Duration.ofDays(15));

    assertThat(new SessionCleanup(store, "0 0 * * * *").clearExpired()).isEqualTo(3);
  }
}
