package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.nio.file.Files;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The session backend's health: up when a lookup of an unused key reaches the backend (the database
 * answers, the directory is there, the cache answers) and, for files, the directory is writable.
 * Details: {@code backend} and {@code store} (table, directory or cache name).
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
        .withDetail("backend", SessionBackends.name(store))
        .withDetail("store", store.toString());
    store.exists(PROBE_KEY);
    if (store instanceof FileSessionStore files && !Files.isWritable(files.directory())) {
      builder.down().withDetail("error", "The session directory is not writable");
      return;
    }
    builder.up();
  }
}
