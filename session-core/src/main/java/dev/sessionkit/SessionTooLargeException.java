package dev.sessionkit;

/**
 * A session is too large for its backend (a cookie over the browser's 4,093-byte limit, or data
 * over a configured maximum). Thrown by a save, which then writes nothing; the message names the
 * size and the limit. Keep large or growing data elsewhere and only its identifier in the session.
 */
public class SessionTooLargeException extends SessionStoreException {

  private final long size;
  private final long limit;

  /**
   * @param what what was measured, such as "The session cookie"
   * @param size its size in bytes
   * @param limit the most that fits, in bytes
   */
  public SessionTooLargeException(String what, long size, long limit) {
    super(what + " would be " + size + " bytes, over the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  /** The size in bytes that was refused. */
  public long size() {
    return size;
  }

  /** The limit in bytes. */
  public long limit() {
    return limit;
  }
}
