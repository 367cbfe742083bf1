package dev.sessionkit.boot;

import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link SessionListener} bean (the starter's metrics and application events, and the
 * application's own) to the {@link SessionStore} bean, in their {@code @Order}, once all singletons
 * exist and before the application serves a request. Listeners the store has already are kept; a
 * listener bean is added once even when the application added it to the store itself.
 *
 * <p>Runs after the singletons are created rather than when the store is, so that a listener may
 * depend on the store (the events name it as their source). A store that is not a {@link
 * StorageSessionStore} cannot take listeners; that is logged once.
 */
final class SessionListenerRegistrar implements SmartInitializingSingleton {

  private static final Log logger = LogFactory.getLog(SessionListenerRegistrar.class);

  private final ObjectProvider<SessionStore> store;
  private final ObjectProvider<SessionListener> listeners;

  SessionListenerRegistrar(
      ObjectProvider<SessionStore> store, ObjectProvider<SessionListener> listeners) {
    this.store = store;
    this.listeners = listeners;
  }

  @Override
  public void afterSingletonsInstantiated() {
    SessionStore current = store.getIfUnique();
    if (current == null) {
      return;
    }
    List<SessionListener> beans = listeners.orderedStream().toList();
    if (beans.isEmpty()) {
      return;
    }
    if (!(current instanceof StorageSessionStore engine)) {
      logger.info(
          beans.size()
              + " SessionListener bean(s) are not told anything: the SessionStore bean ("
              + current.getClass().getName()
              + ") is not a StorageSessionStore, which is what takes listeners");
      return;
    }
    for (SessionListener listener : beans) {
      engine.removeListener(listener);
      engine.addListener(listener);
    }
  }
}
