package dev.sessionkit.sample.csrf;

import dev.sessionkit.boot.SessionkitProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Tells whether a request carried the session cookie ({@code sessionkit.cookie.name}, {@code
 * sessionid} by default), whatever its value and whether or not its session still exists.
 *
 * <p>That is what separates the two reasons a form finds no session data: a browser that sent no
 * cookie refuses cookies (or never got one), while a browser that sent one accepts cookies but its
 * session is gone (expired, or lost when the cache backend restarted) or the form was stale.
 */
@Component
public class SessionCookies {

  private final String name;

  /** Looks for the cookie named in {@code properties}. */
  public SessionCookies(SessionkitProperties properties) {
    this.name = properties.getCookie().getName();
  }

  /** Whether {@code request} carries a cookie with the session cookie's name. */
  public boolean sentWith(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return false;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        return true;
      }
    }
    return false;
  }
}
