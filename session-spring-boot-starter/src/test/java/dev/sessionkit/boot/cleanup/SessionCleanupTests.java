package dev.sessionkit.boot.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.cleanup.SessionCleanup.CleanupRun;
import dev.sessionkit.boot.cleanup.SessionCleanup.CleanupRun.Outcome;
import dev.sessionkit.boot.event.SessionExpiredEvent;
import dev.sessionkit.boot.metrics.SessionkitMetricsAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.boot.testing.MemorySessionStorage;
import dev.sessionkit.boot.testing.SessionEventRecorder;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.file.FileSessionStore;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Expired sessions are removed on the configured cron schedule, on a scheduler of the cleanup's own
 * that stops with the application, for the stores that keep expired records; the listeners (events,
 * meters) hear of each removal once. The scheduled run is invoked directly rather than waited for.
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

              CleanupRun run = context.getBean(SessionCleanup.class).clearExpired();

              assertThat(run).isEqualTo(new CleanupRun(Outcome.CLEANED, 1));
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

    assertThat(cleanup.clearExpired().outcome()).isEqualTo(Outcome.FAILED);
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

    assertThat(new SessionCleanup(store, "0 0 * * * *").clearExpired())
        .isEqualTo(new CleanupRun(Outcome.CLEANED, 3));
  }

  @Test
  void theDelayBeforeARunReachesTheJitterAtMost(@TempDir Path directory) {
    SessionCleanup longest = withJitter(directory, Duration.ofSeconds(30), new FixedDraw(true));
    SessionCleanup shortest = withJitter(directory, Duration.ofSeconds(30), new FixedDraw(false));

    assertThat(longest.nextDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(shortest.nextDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void randomDelaysStayBetweenZeroAndTheJitter(@TempDir Path directory) {
    SessionCleanup cleanup =
        withJitter(directory, Duration.ofMillis(50), RandomGenerator.getDefault());

    Set<Duration> delays =
        IntStream.range(0, 2_000).mapToObj(i -> cleanup.nextDelay()).collect(Collectors.toSet());

    assertThat(delays)
        .allSatisfy(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(50)))
        .hasSizeGreaterThan(10);
  }

  @Test
  void zeroJitterRunsAtOnceWithoutDrawing(@TempDir Path directory) {
    RandomGenerator noDraws =
        () -> {
          throw new AssertionError("no random delay with a zero jitter");
        };

    assertThat(withJitter(directory, Duration.ZERO, noDraws).nextDelay()).isZero();
  }

  @Test
  void whenTheCronFiresTheRunIsScheduledAfterTheDelayNotRunAtOnce(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    FileSessionStore store =
        new FileSessionStore(directory, SessionSettings.builder().clock(clock).build());
    Session session = store.newSession();
    session.put("k", "v");
    session.save();
    clock.advance(Duration.ofDays(15));
    SessionkitProperties.Cleanup properties = new SessionkitProperties.Cleanup();
    properties.setJitter(Duration.ofHours(1));
    SessionCleanup cleanup =
        new SessionCleanup(store, properties, SessionCleanupLock.none(), new FixedDraw(true));
    cleanup.start();
    try {
      ScheduledFuture<?> run = Objects.requireNonNull(cleanup.clearExpiredAfterJitter());

      assertThat(run.getDelay(TimeUnit.MINUTES)).isBetween(58L, 60L);
      assertThat(store.exists(Objects.requireNonNull(session.getSessionKey()))).isFalse();
      assertThat(directory.resolve(FileSessionStore.FILE_PREFIX + session.getSessionKey()))
          .exists();
    } finally {
      cleanup.stop();
    }
  }

  @Test
  void theCronFiringAfterStopSchedulesNothing(@TempDir Path directory) {
    SessionCleanup cleanup = new SessionCleanup(new FileSessionStore(directory), DAILY_AT_FOUR);

    assertThat((Object) cleanup.clearExpiredAfterJitter()).isNull();
  }

  @Test
  void theDbBackendLocksItsCleanupInATableCreatedBesideTheSessions() {
    runner
        .withPropertyValues(
            "sessionkit.backend=db",
            "spring.datasource.url=jdbc:h2:mem:cleanup-lock-" + System.nanoTime(),
            "sessionkit.jdbc.table-name=web_sessions")
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .run(
            context -> {
              SessionCleanup cleanup = context.getBean(SessionCleanup.class);

              assertThat(cleanup.lock()).hasToString("SessionCleanupLock[table web_sessions_lock]");
              assertThat(cleanup.clearExpired()).isEqualTo(new CleanupRun(Outcome.CLEANED, 0));
              assertThat(
                      new JdbcTemplate(context.getBean(DataSource.class))
                          .queryForList("SELECT name FROM web_sessions_lock", String.class))
                  .containsExactly(SessionCleanupLock.LOCK_NAME);
            });
  }

  @Test
  void theFileBackendLocksItsCleanupWithAFileInTheDirectory(@TempDir Path directory) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context ->
                assertThat(context.getBean(SessionCleanup.class).lock())
                    .hasToString(
                        "SessionCleanupLock[file "
                            + directory.resolve(FileCleanupLockProvider.LOCK_FILE_NAME)
                            + "]"));
  }

  @Test
  void anApplicationsOwnStoreCleansWithoutALock() {
    runner
        .withBean(
            SessionStore.class,
            () -> new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("own"))))
        .run(
            context ->
                assertThat(context.getBean(SessionCleanup.class).lock())
                    .isSameAs(SessionCleanupLock.none()));
  }

  @Test
  void aNegativeJitterStopsStartupNamingTheProperty(@TempDir Path directory) {
    runner
        .withPropertyValues(
            "sessionkit.backend=file",
            "sessionkit.file.path=" + directory,
            "sessionkit.cleanup.jitter=-5s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(SessionkitConfigurationException.class)
                    .hasMessageContaining("sessionkit.cleanup.jitter is PT-5S"));
  }

  @Test
  void lockAtLeastForLongerThanLockAtMostForStopsStartupNamingBoth(@TempDir Path directory) {
    runner
        .withPropertyValues(
            "sessionkit.backend=file",
            "sessionkit.file.path=" + directory,
            "sessionkit.cleanup.lock-at-least-for=20m",
            "sessionkit.cleanup.lock-at-most-for=10m")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(SessionkitConfigurationException.class)
                    .hasMessageContaining("sessionkit.cleanup.lock-at-least-for is PT20M")
                    .hasMessageContaining("sessionkit.cleanup.lock-at-most-for (PT10M)"));
  }

  // ---- which stores are cleaned --------------------------------------------------------------

  @Test
  void cleanupIsNotScheduledForABackendThatExpiresRecordsItself() {
    runner
        .withBean(
            SessionStore.class,
            () -> engineOver(StorageCapabilities.builder().expiresRecordsItself(true).build()))
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isFalse());
  }

  @Test
  void cleanupIsScheduledForABackendThatKeepsExpiredRecords() {
    runner
        .withBean(SessionStore.class, () -> engineOver(StorageCapabilities.builder().build()))
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isTrue());
  }

  @Test
  void cleanupIsScheduledForAStoreThatIsNotTheEngine() {
    runner
        .withBean(
            SessionStore.class,
            () ->
                new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("sessions"))))
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isTrue());
  }

  @Test
  void cleanupIsScheduledForTheDatabase() {
    runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "sessionkit.backend=db",
            "spring.datasource.url=jdbc:h2:mem:cleanup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isTrue());
  }

  @Test
  void cleanupIsScheduledForFiles(@TempDir Path directory) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isTrue());
  }

  @Test
  void cleanupIsNotScheduledForACache() {
    runner
        .withPropertyValues("sessionkit.backend=cache")
        .run(context -> assertThat(context.getBean(SessionCleanup.class).isScheduled()).isFalse());
  }

  @Test
  void cleanupCanBeSwitchedOff(@TempDir Path directory) {
    runner
        .withPropertyValues(
            "sessionkit.backend=file",
            "sessionkit.file.path=" + directory,
            "sessionkit.cleanup.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SessionCleanup.class));
  }

  @Test
  void cleanupStopsWithTheContext(@TempDir Path directory) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context -> {
              SessionCleanup cleanup = context.getBean(SessionCleanup.class);
              context.close();
              assertThat(cleanup.isRunning()).isFalse();
              assertThat(cleanup.isScheduled()).isFalse();
            });
  }

  // ---- what the listeners hear ---------------------------------------------------------------

  @Test
  void expiredSessionsRemovedByTheCleanupArePublishedOnceEach(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    runner
        .withBean(SessionEventRecorder.class, SessionEventRecorder::new)
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
              clock.advance(Duration.ofDays(15));

              context.getBean(SessionCleanup.class).clearExpired();
              context.getBean(SessionCleanup.class).clearExpired();

              SessionEventRecorder events = context.getBean(SessionEventRecorder.class);
              assertThat(events.expired()).containsExactly(expiring.getSessionKey());
              assertThat(events.events())
                  .filteredOn(SessionExpiredEvent.class::isInstance)
                  .singleElement()
                  .satisfies(event -> assertThat(event.getSource()).isSameAs(store));
            });
  }

  @Test
  void expiredSessionsRemovedByTheCleanupAreCounted(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    runner
        .withConfiguration(AutoConfigurations.of(SessionkitMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(SessionSettings.class, () -> SessionSettings.builder().clock(clock).build())
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              for (int i = 0; i < 2; i++) {
                Session session = store.newSession();
                session.put("i", i);
                session.save();
              }
              clock.advance(Duration.ofDays(15));

              context.getBean(SessionCleanup.class).clearExpired();

              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get("sessionkit.session.expired")
                          .tag("backend", "file")
                          .counter()
                          .count())
                  .isEqualTo(2);
            });
  }

  private static StorageSessionStore engineOver(StorageCapabilities capabilities) {
    return new StorageSessionStore(
        MemorySessionStorage.with(capabilities), SessionSettings.defaults());
  }

  private static SessionCleanup withJitter(
      Path directory, Duration jitter, RandomGenerator random) {
    SessionkitProperties.Cleanup properties = new SessionkitProperties.Cleanup();
    properties.setJitter(jitter);
    return new SessionCleanup(
        new FileSessionStore(directory), properties, SessionCleanupLock.none(), random);
  }

  /** Draws always the largest or always the smallest value below the bound. */
  private record FixedDraw(boolean largest) implements RandomGenerator {

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException("only bounded draws");
    }

    @Override
    public long nextLong(long bound) {
      return largest ? bound - 1 : 0;
    }
  }
}
