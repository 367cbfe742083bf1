package dev.sessionkit.boot.event;

import dev.sessionkit.SessionStore;

/**
 * An expired session was removed by {@code clearExpired()}, which the starter runs on the {@code
 * sessionkit.cleanup.cron} schedule; published on the cleanup's thread, once per removed session.
 * Only backends whose records stay until removed publish it (db, file): a cache drops expired
 * sessions by itself and says nothing.
 *
 * <p>{@link #getSessionKey()} is a secret: never log it.
 */
public final class SessionExpiredEvent extends SessionEvent {

  /**
   * @param source the store that removed the session
   * @param sessionKey the expired session's key (a secret)
   */
  public SessionExpiredEvent(SessionStore source, String sessionKey) {
    super(source, sessionKey);
  }
}
