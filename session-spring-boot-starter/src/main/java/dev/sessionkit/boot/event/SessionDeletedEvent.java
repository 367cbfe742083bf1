package dev.sessionkit.boot.event;

import dev.sessionkit.SessionStore;

/**
 * A session was deleted: a logout ({@code flush()}), the old key of a key cycle, or a {@code
 * delete(key)}. A session that expires is a {@link SessionExpiredEvent} instead.
 *
 * <p>{@link #getSessionKey()} is a secret: never log it.
 */
public final class SessionDeletedEvent extends SessionEvent {

  /**
   * @param source the store that deleted the session
   * @param sessionKey the deleted session's key (a secret)
   */
  public SessionDeletedEvent(SessionStore source, String sessionKey) {
    super(source, sessionKey);
  }
}
