package dev.sessionkit.boot.web;

import dev.sessionkit.SessionConflictException;
import dev.sessionkit.SessionInterruptedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * The answer to a request whose session could not be saved because of other requests of the same
 * visitor; the client's request was fine and may simply be sent again, so neither is a 500:
 *
 * <ul>
 *   <li>{@link SessionInterruptedException}: another request deleted the session meanwhile (a
 *       logout): 400 Bad Request, as Django answers;
 *   <li>{@link SessionConflictException}: other requests saved the session on every attempt to
 *       merge: 409 Conflict, the status for a request that conflicts with the resource's current
 *       state. Not 503: nothing is down, and a retry after no delay may well succeed.
 * </ul>
 *
 * Both answers are short plain text, written over whatever the uncommitted response held.
 */
enum SaveFailureAnswer {
  INTERRUPTED(HttpServletResponse.SC_BAD_REQUEST, SessionFilter.INTERRUPTED_MESSAGE),
  CONFLICT(HttpServletResponse.SC_CONFLICT, SessionFilter.CONFLICT_MESSAGE);

  private final int status;
  private final String body;

  SaveFailureAnswer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /**
   * The answer to {@code failure}, found in it or its causes, or null when it is not a save that
   * other requests made fail.
   */
  static @Nullable SaveFailureAnswer of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SessionInterruptedException) {
        return INTERRUPTED;
      }
      if (cause instanceof SessionConflictException) {
        return CONFLICT;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  /** The HTTP status of this answer. */
  int status() {
    return status;
  }

  /**
   * Replaces whatever {@code response} holds (status, headers, buffered body) by this answer. The
   * response must not be committed.
   */
  void writeTo(HttpServletResponse response) throws IOException {
    response.reset();
    response.setStatus(status);
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body);
  }
}
