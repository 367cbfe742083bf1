package dev.sessionkit.engine;

import java.util.function.Supplier;

/**
 * Wraps each call the engine makes to its storage (load, create, save, delete, check, clear
 * expired), so that a tracing or metrics library can time it, count its outcome and put it in the
 * current trace. The Spring Boot starter adds one on Micrometer's Observation API when the
 * application has an {@code ObservationRegistry}; the core itself depends on no such library.
 *
 * <p>An observer learns the operation and the backend, never the session key: both are few, so they
 * make safe metric tags, and keys are secrets.
 */
public interface OperationObserver {

  /** The observer that only runs the call. */
  OperationObserver NONE =
      new OperationObserver() {
        @Override
        public <T> T observe(String operation, String backend, Supplier<T> call) {
          return call.get();
        }
      };

  /**
   * Runs {@code call} and returns what it returns, or throws what it throws, unchanged.
   *
   * @param operation {@code load}, {@code create}, {@code save}, {@code delete}, {@code check} or
   *     {@code clear expired}
   * @param backend the store's backend ({@code db}, {@code redis}, ...)
   * @param call the storage call
   */
  <T> T observe(String operation, String backend, Supplier<T> call);
}
