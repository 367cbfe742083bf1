package dev.sessionkit.sample.csrf;

/** A state-changing request came without the session's form token, or with another one. */
public class CsrfTokenMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean sessionHadToken;

  /**
   * A rejection.
   *
   * @param sessionHadToken whether the session held a token; false means the browser sent no
   *     session cookie, or its session is gone (expired, lost in a restart)
   */
  public CsrfTokenMismatchException(boolean sessionHadToken) {
    super(
        sessionHadToken
            ? "The form's security token does not match the session's."
            : "The session holds no security token: no session cookie, or its session is gone.");
    this.sessionHadToken = sessionHadToken;
  }

  /** Whether the session held a token. */
  public boolean sessionHadToken() {
    return sessionHadToken;
  }
}
