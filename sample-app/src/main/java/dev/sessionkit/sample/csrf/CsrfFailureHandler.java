package dev.sessionkit.sample.csrf;

import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Answers a rejected form with 403 and a page that says why:
 *
 * <ul>
 *   <li>the browser sent no session cookie: the shop needs cookies ({@code cookiesMissing});
 *   <li>it sent one, but its session held no token: the session expired (or was lost in a restart)
 *       or the form was stale ({@code sessionExpired}). The test cookie is stored again, so that
 *       the browser keeps a live session cookie and a retry (even of a login form shown before)
 *       works;
 *   <li>the session held another token: the form is out of date or forged.
 * </ul>
 */
@ControllerAdvice
public class CsrfFailureHandler {

  private final SessionCookies sessionCookies;
  private final Session session;

  /**
   * A handler telling the cases apart with {@code sessionCookies}, for the current request's {@code
   * session} (the request-scoped bean the starter provides).
   */
  public CsrfFailureHandler(SessionCookies sessionCookies, Session session) {
    this.sessionCookies = sessionCookies;
    this.session = session;
  }

  /** Renders the 403 page. */
  @ExceptionHandler(CsrfTokenMismatchException.class)
  @ResponseStatus(HttpStatus.FORBIDDEN)
  public String csrfFailure(
      CsrfTokenMismatchException exception, HttpServletRequest request, Model model) {
    boolean cookieSent = sessionCookies.sentWith(request);
    boolean sessionExpired = cookieSent && !exception.sessionHadToken();
    if (sessionExpired) {
      session.setTestCookie();
    }
    model.addAttribute("cookiesMissing", !cookieSent);
    model.addAttribute("sessionExpired", sessionExpired);
    return "csrf-failure";
  }
}
