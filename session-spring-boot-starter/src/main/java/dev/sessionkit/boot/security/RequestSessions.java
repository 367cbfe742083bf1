package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;

/** The request's sessionkit {@link Session}, for the components that must write to it. */
final class RequestSessions {

  private RequestSessions() {}

  /**
   * The session the {@code SessionFilter} bound to {@code request}.
   *
   * @throws IllegalStateException when the filter did not run for the request
   */
  static Session require(HttpServletRequest request, String what) {
    Session session = CurrentSession.of(request);
    if (session == null) {
      throw new IllegalStateException(
          "Spring Security's "
              + what
              + " is kept in the sessionkit Session, but the sessionkit SessionFilter did not run"
              + " for "
              + request.getRequestURI()
              + ". Register it before Spring Security's filter chain for every URL and dispatcher"
              + " type (the starter does so by default).");
    }
    return session;
  }
}
