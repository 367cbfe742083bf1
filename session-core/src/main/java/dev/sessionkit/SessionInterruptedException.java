package dev.sessionkit;

/**
 * Thrown by {@link Session#save()} when the session's record was deleted after it was loaded,
 * typically because a concurrent request logged the visitor out. Nothing is written: a deleted
 * session is never brought back. The web filter answers 400 Bad Request.
 */
public class SessionInterruptedException extends RuntimeException {

  public SessionInterruptedException(String message) {
    super(message);
  }
}
