package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once at startup, which backend keeps the sessions and where (the store's {@code
 * toString()}: a table, a directory or a cache name; never a URL or a password), and warns when the
 * backend cannot merge concurrent saves of one session, so that nobody relies on a guarantee it
 * cannot keep.
 */
final class SessionkitStartupLog implements SmartInitializingSingleton {

  private static final Log logger = LogFactory.getLog(SessionkitAutoConfiguration.class);

  private final ObjectProvider<SessionStore> store;

  SessionkitStartupLog(ObjectProvider<SessionStore> store) {
    this.store = store;
  }

  @Override
  public void afterSingletonsInstantiated() {
    SessionStore current = store.getIfUnique();
    if (current == null) {
      return;
    }
    logger.info(message(current));
    String warning = warning(current);
    if (warning != null) {
      logger.warn(warning);
    }
  }

  static String message(SessionStore store) {
    return "Sessions are kept by the " + SessionStores.backend(store) + " backend: " + store;
  }

  /** The warning about what the store cannot guarantee, or null when there is none. */
  static @Nullable String warning(SessionStore store) {
    if (!SessionStores.cannotMergeConcurrentSaves(store)) {
      return null;
    }
    return "The "
        + SessionStores.backend(store)
        + " backend ("
        + store
        + ") cannot compare and set, so concurrent saves of one session cannot be merged: when"
        + " two requests of one visitor save at once, the later save wins and the other's changes"
        + " are lost, and a delete (a logout) racing a save can be undone. Where that matters, use"
        + " sessionkit.backend=db, or sessionkit.backend=redis for the native Redis store"
        + " (dev.sessionkit.redis.RedisSessionStore), which compares and sets.";
  }
}
