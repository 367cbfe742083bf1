package dev.sessionkit.boot;

import dev.sessionkit.SessionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once at startup, which backend keeps the sessions and where (the store's {@code
 * toString()}: a table, a directory or a cache name; never a URL or a password).
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
    if (current != null) {
      logger.info(message(current));
    }
  }

  static String message(SessionStore store) {
    return "Sessions are kept by the " + SessionBackends.name(store) + " backend: " + store;
  }
}
