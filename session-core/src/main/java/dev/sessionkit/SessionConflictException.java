package dev.sessionkit;

/**
 * A save found the session changed by other requests on every one of its bounded attempts to merge,
 * and gave up. Nothing of this save was written; the session's record holds what the other requests
 * saved. Rare outside of many parallel requests of one visitor that all write the same session.
 */
public class SessionConflictException extends SessionStoreException {

  public SessionConflictException(String message) {
    super(message);
  }
}
