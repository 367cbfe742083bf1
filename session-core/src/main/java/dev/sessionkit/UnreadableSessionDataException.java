package dev.sessionkit;

/**
 * Stored session data that cannot be read: not JSON, truncated, or of the wrong shape. A store
 * catches it, logs a warning and loads the session as empty; it never reaches the application.
 */
public class UnreadableSessionDataException extends RuntimeException {

  public UnreadableSessionDataException(String message) {
    super(message);
  }

  public UnreadableSessionDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
