package dev.sessionkit.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.RecordingListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** Micrometer meters for the session store, when the application has a meter registry. */
class SessionkitMetricsAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitMetricsAutoConfiguration.class));

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

  /** The count of the counter {@code name} of the default (cache) backend. */
  private static double counter(ApplicationContext context, String name) {
    return context.getBean(MeterRegistry.class).get(name).tag("backend", "cache").counter().count();
  }
}
