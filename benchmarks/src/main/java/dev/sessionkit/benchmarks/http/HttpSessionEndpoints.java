package dev.sessionkit.benchmarks.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark endpoints on the servlet {@link HttpSession}: Tomcat's own, or Spring Session's
 * when its filter wraps the request. {@code HttpSession} has no atomic update, so both increments
 * are a get then a set.
 */
@RestController
@Profile("http-session")
class HttpSessionEndpoints {

  /** Leaves the session alone (Spring Session's filter still runs). */
  @GetMapping("/touch")
  String touch() {
    return "ok";
  }

  /** Reads {@code n} (0 when absent), without creating a session. */
  @GetMapping("/read")
  String read(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object n = session == null ? null : session.getAttribute("n");
    return String.valueOf(n == null ? 0 : n);
  }

  /** Increments {@code n}: get, then set. */
  @GetMapping("/incr")
  String incr(HttpServletRequest request) {
    return increment(request.getSession());
  }

  /** The same as {@code /incr}: {@code HttpSession} offers nothing else. */
  @GetMapping("/incr-getput")
  String incrGetPut(HttpServletRequest request) {
    return increment(request.getSession());
  }

  private static String increment(HttpSession session) {
    Integer n = (Integer) session.getAttribute("n");
    int next = n == null ? 1 : n + 1;
    session.setAttribute("n", next);
    return String.valueOf(next);
  }
}
