package dev.sessionkit.boot.testing;

import dev.sessionkit.boot.event.SessionCreatedEvent;
import dev.sessionkit.boot.event.SessionDeletedEvent;
import dev.sessionkit.boot.event.SessionEvent;
import dev.sessionkit.boot.event.SessionExpiredEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/**
 * Application code listening to session events with {@code @EventListener}, as an application
 * would; keeps the session keys it heard of, per kind. Thread-safe.
 */
public class SessionEventRecorder {

  private final List<String> created = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private final List<String> expired = new CopyOnWriteArrayList<>();
  private final List<SessionEvent> all = new CopyOnWriteArrayList<>();

  @EventListener
  void onCreated(SessionCreatedEvent event) {
    created.add(event.getSessionKey());
    all.add(event);
  }

  @EventListener
  void onDeleted(SessionDeletedEvent event) {
    deleted.add(event.getSessionKey());
    all.add(event);
  }

  @EventListener
  void onExpired(SessionExpiredEvent event) {
    expired.add(event.getSessionKey());
    all.add(event);
  }

  /** The keys of the sessions created, in order. */
  public List<String> created() {
    return List.copyOf(created);
  }

  /** The keys of the sessions deleted, in order. */
  public List<String> deleted() {
    return List.copyOf(deleted);
  }

  /** The keys of the sessions removed as expired, in order. */
  public List<String> expired() {
    return List.copyOf(expired);
  }

  /** Every event heard, in order. */
  public List<SessionEvent> events() {
    return List.copyOf(all);
  }
}
