package dev.sessionkit.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/** The health indicator of the session backend, when Spring Boot's health support is present. */
class SessionkitHealthAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitHealthAutoConfiguration.class));

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
}
