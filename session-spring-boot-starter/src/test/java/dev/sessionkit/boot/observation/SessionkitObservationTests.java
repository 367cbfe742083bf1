package dev.sessionkit.boot.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Storage calls become Micrometer Observations tagged with few values and never a session key. */
class SessionkitObservationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitObservationAutoConfiguration.class));

  @Test
  void loadsSavesAndDeletesAreObservedWithOperationBackendAndOutcome() {
    runner
        .withBean(ObservationRegistry.class, TestObservationRegistry::create)
        .run(
            context -> {
              SessionStore store = context.getBean(SessionStore.class);
              TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
              List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
              registry.observationConfig().observationHandler(recordingStops(stopped));

              Session session = store.newSession();
              session.put("k", "v");
              session.save();
              String key = session.getSessionKey();
              Session again = store.open(key);
              again.put("k", "w");
              again.save();
              store.delete(key);

              assertThat(registry)
                  .hasNumberOfObservationsWithNameEqualTo(ObservationOperationObserver.NAME, 4);
              for (String operation : new String[] {"create", "load", "save", "delete"}) {
                assertThat(registry)
                    .hasAnObservation(
                        observation ->
                            observation
                                .hasNameEqualTo(ObservationOperationObserver.NAME)
                                .hasContextualNameEqualTo("sessionkit " + operation)
                                .hasLowCardinalityKeyValue("operation", operation)
                                .hasLowCardinalityKeyValue("backend", "cache")
                                .hasLowCardinalityKeyValue("outcome", "success"));
              }
              assertThat(stopped).hasSize(4);
              assertThat(stopped)
                  .allSatisfy(
                      observed ->
                          assertThat(observed.getAllKeyValues())
                              .extracting(KeyValue::getValue)
                              .noneMatch(value -> value.contains(key)));
            });
  }

  private static ObservationHandler<Observation.Context> recordingStops(
      List<Observation.Context> stopped) {
    return new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }
    };
  }

  @Test
  void aPropertyTurnsThemOff() {
    runner
        .withBean(ObservationRegistry.class, TestObservationRegistry::create)
        .withPropertyValues("sessionkit.observations.enabled=false")
        .run(
            context -> {
              context.getBean(SessionStore.class).newSession().save();

              assertThat(context).doesNotHaveBean(ObservationOperationObserver.class);
              assertThat(context.getBean(TestObservationRegistry.class))
                  .doesNotHaveAnyObservation();
            });
  }

  @Test
  void withoutARegistryNothingIsObserved() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ObservationOperationObserver.class));
  }
}
