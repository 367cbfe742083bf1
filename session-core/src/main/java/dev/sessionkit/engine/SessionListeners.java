package dev.sessionkit.engine;

import dev.sessionkit.SessionListener;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one store. Tells each of them in turn; one that throws is logged (without the
 * session key) and the others still hear the event.
 */
final class SessionListeners {

  private static final System.Logger LOG = System.getLogger(SessionListeners.class.getName());

  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

  void add(SessionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  boolean remove(SessionListener listener) {
    return listeners.remove(listener);
  }

  void tell(Consumer<SessionListener> event) {
    for (SessionListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException ex) {
        LOG.log(
            Level.WARNING,
            "Session listener "
                + listener.getClass().getName()
                + " failed ("
                + ex.getClass().getName()
                + "); the other listeners still run");
      }
    }
  }
}
