package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Expired sessions disappear on the configured schedule, without anyone calling for it. */
class SessionCleanupTests {

  @Test
  void expiredSessionFilesAreRemovedOnTheSchedule(@TempDir Path directory) {
    MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionkitAutoConfiguration.class))
        .withBean(SessionSettings.class, () -> SessionSettings.builder().clock(clock).build())
        .withPropertyValues(
            "sessionkit.backend=file",
            "sessionkit.file.path=" + directory,
            "sessionkit.cleanup.cron=* * * * * *")
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Session expiring = store.newSession();
              expiring.put("k", "v");
              expiring.save();
              Path file =
                  directory.resolve(FileSessionStore.FILE_PREFIX + expiring.getSessionKey());
              assertThat(file).exists();

              clock.advance(Duration.ofDays(15));

              await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(file));
            });
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
    MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
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

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration amount) {
      now.updateAndGet(instant -> instant.plus(amount));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
