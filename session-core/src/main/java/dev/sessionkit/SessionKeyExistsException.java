package dev.sessionkit;

/**
 * Thrown by {@link Session#save(boolean) save(true)} when a record already exists under the
 * session's key: must-create never overwrites. {@link Session#create()} handles it by retrying with
 * another key.
 */
public class SessionKeyExistsException extends RuntimeException {

  public SessionKeyExistsException(String message) {
    super(message);
  }
}
