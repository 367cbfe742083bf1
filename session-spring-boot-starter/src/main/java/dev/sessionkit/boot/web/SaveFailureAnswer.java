package dev.sessionkit.boot.web;

import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The answer to a request whose session could not be loaded or saved for a reason that is not the
 * client's fault, so that none of them is a 500:
 *
 * <ul>
 *   <li>{@link SessionInterruptedException}: another request deleted the session meanwhile (a
 *       logout): 400 Bad Request, as Django answers;
 *   <li>{@link SessionConflictException}: other requests saved the session on every attempt to
 *       merge: 409 Conflict, the status for a request that conflicts with the resource's current
 *       state. Not 503: nothing is down, and a retry after no delay may well succeed;
 *   <li>any other {@link SessionStoreException}: the backend failed (database or Redis unreachable,
 *       a timeout, the session directory gone): 503 Service Unavailable with {@code Retry-After:
 *       }{@value #RETRY_AFTER_SECONDS}, never an empty session that would drop the visitor's login.
 *       Except {@link SessionTooLargeException}: the application put too much into the session,
 *       which a retry cannot fix, so it stays an error of the application (no answer here, a 500).
 * </ul>
 *
 * All answers are short plain text, written over whatever the uncommitted response held. This is
 * the one place that decides status, headers and body; {@link SessionFilter} and {@link
 * SessionInterruptedExceptionResolver} both write through it.
 */
enum SaveFailureAnswer {
  INTERRUPTED(HttpServletResponse.SC_BAD_REQUEST, SessionFilter.INTERRUPTED_MESSAGE),
  CONFLICT(HttpServletResponse.SC_CONFLICT, SessionFilter.CONFLICT_MESSAGE),
  UNAVAILABLE(HttpServletResponse.SC_SERVICE_UNAVAILABLE, SessionFilter.UNAVAILABLE_MESSAGE);

  /**
   * The {@code Retry-After} of the 503 answer, in seconds: long enough for a connection pool to
   * notice that the server is back, short enough that a visitor's retry soon succeeds.
   */
  static final int RETRY_AFTER_SECONDS = 5;

  private static final Log logger = LogFactory.getLog(SessionFilter.class);

  private final int status;
  private final String body;

  SaveFailureAnswer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /**
   * The answer to {@code failure}, found in it or its causes (the first session exception in the
   * chain decides), or null when it is not a failure of the session's backend or of concurrent
   * requests, or when it is a {@link SessionTooLargeException}.
   */
  static @Nullable SaveFailureAnswer of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SessionInterruptedException) {
        return INTERRUPTED;
      }
      if (cause instanceof SessionConflictException) {
        return CONFLICT;
      }
      if (cause instanceof SessionTooLargeException) {
        return null;
      }
      if (cause instanceof SessionStoreException) {
        return UNAVAILABLE;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /**
   * Logs {@code failure} when it is the backend's (a warning with its message, which names the
   * backend and never the session key; the stack trace at debug level). The answers to concurrent
   * requests are normal and not logged here.
   */
  void log(Throwable failure) {
    if (this != UNAVAILABLE) {
      return;
    }
    Throwable backend = failure;
    while (!(backend instanceof SessionStoreException) && backend.getCause() != null) {
      backend = backend.getCause();
    }
    logger.warn("The session backend failed; answered 503: " + backend.getMessage());
    logger.debug("The session backend's failure", failure);
  }

  /** The HTTP status of this answer. */
  int status() {
    return status;
  }

  /**
   * Replaces whatever {@code response} holds (status, headers, buffered body) by this answer, but
   * for the cookies the application set: they stand for changes already made on the server (a
   * remember-me token rotated in its repository before the session failed), which a browser left
   * with the old cookie would take for a theft. sessionkit's own cookies go (the session cookie,
   * and the flash marker, which would make every later request load the session). The response must
   * not be committed.
   *
   * @param sessionCookieName the session cookie's name, or null when it is not known (then every
   *     cookie stays)
   */
  void writeTo(HttpServletResponse response, @Nullable String sessionCookieName)
      throws IOException {
    List<String> cookies =
        response.getHeaders(HttpHeaders.SET_COOKIE).stream()
            .filter(header -> sessionCookieName == null || !isOwn(header, sessionCookieName))
            .toList();
    response.reset();
    cookies.forEach(cookie -> response.addHeader(HttpHeaders.SET_COOKIE, cookie));
    response.setStatus(status);
    if (this == UNAVAILABLE) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body);
  }

  private static boolean isOwn(String setCookie, String sessionCookieName) {
    return setCookie.startsWith(sessionCookieName + "=")
        || setCookie.startsWith(sessionCookieName + SessionFlashMapManager.MARKER_SUFFIX + "=");
  }
}
