package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RecordingListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.ApplicationContext;

/** Micrometer meters and the health indicator, when the application has them. */
class SessionkitObservabilityTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class,
                  SessionkitMetricsAutoConfiguration.class,
                  SessionkitHealthAutoConfiguration.class));

  @Test
  void metersCountLoadsSavesCreatesAndDeletesTaggedWithTheBackend() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              Session reloaded = store.open(session.getSessionKey());
              reloaded.put("k", "w");
              reloaded.save();
              store.open("unknownkey123").get("k");
              store.delete(session.getSessionKey());

              assertThat(
                      registry
                          .get("sessionkit.session.creates")
                          .tag("backend", "cache")
                          .counter()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("sessionkit.session.save")
                          .tag("backend", "cache")
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("sessionkit.session.load")
                          .tags("backend", "cache", "result", "found")
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("sessionkit.session.load")
                          .tags("backend", "cache", "result", "missing")
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("sessionkit.session.deletes")
                          .tag("backend", "cache")
                          .counter()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void failuresAreCountedWithOperationAndException(@TempDir Path directory) throws Exception {
    Path sessions = Files.createDirectory(directory.resolve("sessions"));
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + sessions)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Files.delete(sessions);
              Session session = store.newSession();
              session.put("k", "v");
              try {
                session.save();
              } catch (RuntimeException expected) {
                // the directory is gone: the failure is counted, then rethrown
              }
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get("sessionkit.session.failures")
                          .tags("backend", "file", "operation", "create")
                          .counter()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void noMetersWithoutARegistry() {
    runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerSessionListener.class));
  }

  @Test
  void metersAreOneListenerAmongOthers() {
    RecordingListener manual = new RecordingListener();
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(RecordingListener.class, RecordingListener::new)
        .run(
            context -> {
              StorageSessionStore store = context.getBean(StorageSessionStore.class);
              store.addListener(manual);

              Session session = store.newSession();
              session.put("k", "v");
              session.save();

              assertThat(context.getBean(RecordingListener.class).creates()).isEqualTo(1);
              assertThat(manual.creates()).isEqualTo(1);
              assertThat(counter(context, MicrometerSessionListener.CREATES)).isEqualTo(1);
            });
  }

  @Test
  void mergedConcurrentSavesAreCountedAsConflicts() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Session created = store.newSession();
              created.put("k", "v");
              created.save();
              Session first = store.open(created.getSessionKey());
              Session second = store.open(created.getSessionKey());
              first.get("k");
              second.get("k");

              first.put("a", 1);
              first.save();
              second.put("b", 2);
              second.save();

              assertThat(counter(context, MicrometerSessionListener.CONFLICTS)).isEqualTo(1);
              assertThat(store.open(created.getSessionKey()).keySet())
                  .containsExactlyInAnyOrder("k", "a", "b");
            });
  }

  @Test
  void encodedSessionSizesAreRecordedInBytes() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              Session session = context.getBean(SessionStore.class).newSession();
              session.put("k", "v");
              session.save();

              DistributionSummary sizes =
                  context
                      .getBean(MeterRegistry.class)
                      .get(MicrometerSessionListener.SIZE)
                      .summary();
              assertThat(sizes.count()).isEqualTo(1);
              assertThat(sizes.totalAmount()).isEqualTo("{\"k\":\"v\"}".length());
              assertThat(sizes.getId().getBaseUnit()).isEqualTo("bytes");
            });
  }

  @Test
  void valuesThatNoLongerConvertAreCountedAndReadAsAbsent() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Session session = store.newSession();
              session.put("count", "not a number");
              session.save();

              Integer count = store.open(session.getSessionKey()).get("count", Integer.class);

              assertThat(count).isNull();
              assertThat(counter(context, MicrometerSessionListener.UNCONVERTIBLE)).isEqualTo(1);
            });
  }

  @Test
  void expiredSessionsRemovedByTheCleanupAreCounted(@TempDir Path directory) {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    runner
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
                          .get(MicrometerSessionListener.EXPIRED)
                          .tag("backend", "file")
                          .counter()
                          .count())
                  .isEqualTo(2);
            });
  }

  @Test
  void noMeterIsTaggedWithASessionKey() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              store.open(session.getSessionKey()).get("k");
              store.delete(session.getSessionKey());

              assertThat(context.getBean(MeterRegistry.class).getMeters())
                  .isNotEmpty()
                  .allSatisfy(
                      meter ->
                          assertThat(meter.getId().toString())
                              .doesNotContain(session.getSessionKey()));
            });
  }

  @Test
  void healthIsUpWhenTheBackendAnswers(@TempDir Path directory) {
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + directory)
        .run(
            context -> {
              Health health =
                  context.getBean("sessionkitHealthIndicator", HealthIndicator.class).health(true);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("backend", "file")
                  .containsEntry("store", "FileSessionStore[" + directory + "]");
            });
  }

  @Test
  void healthIsDownWhenTheDirectoryIsGone(@TempDir Path directory) throws Exception {
    Path sessions = Files.createDirectory(directory.resolve("sessions"));
    runner
        .withPropertyValues("sessionkit.backend=file", "sessionkit.file.path=" + sessions)
        .run(
            context -> {
              Files.delete(sessions);
              Health health =
                  context.getBean("sessionkitHealthIndicator", HealthIndicator.class).health(true);
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(String.valueOf(health.getDetails().get("error")))
                  .contains(sessions.toString());
            });
  }

  @Test
  void healthOfAStoreThatIsNotTheEngineIsALookupOfAnUnusedKey() {
    ForeignSessionStore foreign =
        new ForeignSessionStore(new CacheSessionStore(new ConcurrentMapCache("sessions")));
    runner
        .withBean(SessionStore.class, () -> foreign)
        .run(
            context -> {
              Health health =
                  context.getBean("sessionkitHealthIndicator", HealthIndicator.class).health(true);

              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("backend", "ForeignSessionStore")
                  .containsEntry("store", "ForeignSessionStore");
              assertThat(foreign.lookups()).isEqualTo(1);
            });
  }

  @Test
  void healthIndicatorCanBeSwitchedOff() {
    runner
        .withPropertyValues("management.health.sessionkit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("sessionkitHealthIndicator"));
  }

  /** The count of the counter {@code name} of the default (cache) backend. */
  private static double counter(ApplicationContext context, String name) {
    return context.getBean(MeterRegistry.class).get(name).tag("backend", "cache").counter().count();
  }
}
