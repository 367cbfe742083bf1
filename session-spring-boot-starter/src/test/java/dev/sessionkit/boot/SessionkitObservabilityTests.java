package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
    runner.run(
        context -> assertThat(context).doesNotHaveBean(MicrometerSessionStoreObserver.class));
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
            });
  }

  @Test
  void healthIndicatorCanBeSwitchedOff() {
    runner
        .withPropertyValues("management.health.sessionkit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("sessionkitHealthIndicator"));
  }
}
