package dev.sessionkit.boot.health;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionStores;
import dev.sessionkit.engine.StorageSessionStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The session backend's health: up when the backend can serve requests now, as {@link
 * StorageSessionStore#checkAvailable()} finds out (the database answers, the directory is there and
 * writable, the cache answers); down with the failure's message otherwise. A store that is not a
 * {@link StorageSessionStore} is probed with a lookup of an unused key. Details: {@code backend}
 * and {@code store} (table, directory or cache name).
 */
final class SessionStoreHealthIndicator extends AbstractHealthIndicator {

  /** A valid key that is never issued (issued keys have 32 characters). */
  private static final String PROBE_KEY = "sessionkithealthprobe";

  private final SessionStore store;

  SessionStoreHealthIndicator(SessionStore store) {
    super("Session backend health check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder
        .withDetail("backend", SessionStores.backend(store))
        .withDetail("store", store.toString());
    if (store instanceof StorageSessionStore engine) {
      engine.checkAvailable();
    } else {
      store.exists(PROBE_KEY);
    }
    builder.up();
  }
}
