package dev.sessionkit.boot.event;

import dev.sessionkit.SessionStore;

/**
 * A session was stored under a new key: a visitor's first save, {@code create()}, or a key cycle at
 * login (which also publishes a {@link SessionDeletedEvent} for the old key).
 *
 * <pre>{@code
 * @EventListener
 * void onCreated(SessionCreatedEvent event) {
 *   activeSessions.increment();
 * }
 * }</pre>
 *
 * <p>{@link #getSessionKey()} is a secret: never log it.
 */
public final class SessionCreatedEvent extends SessionEvent {

  /**
   * @param source the store that created the session
   * @param sessionKey the new session's key (a secret)
   */
  public SessionCreatedEvent(SessionStore source, String sessionKey) {
    super(source, sessionKey);
  }
}
