package dev.sessionkit;

import java.time.Duration;

/**
 * Hears what a store does, for metrics and tracing. Register one with {@link
 * AbstractSessionStore#setObserver}. Callbacks run on the request's thread, after the operation,
 * and must be fast and must not throw. Nothing passed here contains a session key.
 */
public interface SessionStoreObserver {

  /** An observer that does nothing. */
  SessionStoreObserver NONE = new SessionStoreObserver() {};

  /** A session was loaded; {@code found} is false when no live record existed. */
  default void loaded(Duration latency, boolean found) {}

  /** An existing session was written back. */
  default void saved(Duration latency) {}

  /** A new session record was written under a fresh key. */
  default void created(Duration latency) {}

  /** A session record was deleted. */
  default void deleted(Duration latency) {}

  /**
   * An operation failed ({@code load}, {@code save}, {@code create}, {@code delete}); the failure
   * is rethrown to the caller after this call.
   */
  default void failed(String operation, RuntimeException failure) {}
}
