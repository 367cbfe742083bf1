package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;
import dev.sessionkit.engine.StorageSessionStore;

/**
 * What the starter asks of the {@link SessionStore} bean for logs, metrics, health and cleanup. A
 * {@link StorageSessionStore} answers from its backend's name and capabilities; any other store (an
 * application's own implementation) is named by its simple class name and treated conservatively:
 * its expired sessions are cleaned up on schedule, and nothing is claimed about concurrent saves.
 *
 * <p>Internal to the starter: public only for its packages (cleanup, metrics, health). Not API; it
 * may change in any release.
 */
public final class SessionStores {

  private SessionStores() {}

  /** The backend's short name ({@code db}, {@code file}, {@code cache}, ...). */
  public static String backend(SessionStore store) {
    return store instanceof StorageSessionStore engine
        ? engine.backend()
        : store.getClass().getSimpleName();
  }

  /** Whether expired sessions stay until {@link SessionStore#clearExpired()} removes them. */
  public static boolean needsCleanup(SessionStore store) {
    return !(store instanceof StorageSessionStore engine)
        || !engine.capabilities().expiresRecordsItself();
  }

  /**
   * Whether the store is known to lose concurrent saves of one session: a {@link
   * StorageSessionStore} whose backend cannot compare and set. False for any other store, about
   * which nothing is known.
   */
  static boolean cannotMergeConcurrentSaves(SessionStore store) {
    return store instanceof StorageSessionStore engine
        && !engine.capabilities().compareAndSet()
        && !engine.capabilities().ownsKeyFormat();
  }
}
