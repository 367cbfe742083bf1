package dev.sessionkit;

/**
 * A backend failed: the database is unreachable, the session directory was removed, the cache
 * refused a write. The message names the backend and the operation; the cause says why. Never
 * swallowed into an empty session.
 */
public class SessionStoreException extends RuntimeException {

  public SessionStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public SessionStoreException(String message) {
    super(message);
  }
}
