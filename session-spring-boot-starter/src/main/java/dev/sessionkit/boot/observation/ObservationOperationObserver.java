package dev.sessionkit.boot.observation;

import dev.sessionkit.engine.OperationObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;

/**
 * Makes each storage call of the session engine a Micrometer {@link Observation} named {@value
 * #NAME}, so that loads, saves, deletes and cleanups appear both as timers (through the registry's
 * meter handler) and as spans in the current trace (through its tracing handler).
 *
 * <p>Its key values are all low-cardinality: {@code operation} (load, create, save, delete, check,
 * clear expired), {@code backend} and {@code outcome} ({@code success} or {@code error}). The
 * session key never appears: it is a secret, and one tag value per session would flood any metrics
 * backend.
 */
public final class ObservationOperationObserver implements OperationObserver {

  /** The name of every observation made here. */
  public static final String NAME = "sessionkit.storage";

  private final ObservationRegistry registry;

  /** An observer reporting to {@code registry}. */
  public ObservationOperationObserver(ObservationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <T> T observe(String operation, String backend, Supplier<T> call) {
    Observation observation =
        Observation.createNotStarted(NAME, registry)
            .contextualName("sessionkit " + operation)
            .lowCardinalityKeyValue("operation", operation)
            .lowCardinalityKeyValue("backend", backend)
            .start();
    try (Observation.Scope scope = observation.openScope()) {
      T result = call.get();
      observation.lowCardinalityKeyValue("outcome", "success");
      return result;
    } catch (RuntimeException ex) {
      observation.lowCardinalityKeyValue("outcome", "error");
      observation.error(ex);
      throw ex;
    } finally {
      observation.stop();
    }
  }
}
