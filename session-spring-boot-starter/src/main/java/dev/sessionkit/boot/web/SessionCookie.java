package dev.sessionkit.boot.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/**
 * How the session cookie looks: its name and attributes, and how it is read from a request and
 * written to a response. Immutable.
 *
 * <pre>{@code
 * SessionCookie cookie = SessionCookie.named("sessionid").withSecure(true).withSameSite("Strict");
 * }</pre>
 *
 * <p>Cookies are written with Spring's {@link ResponseCookie}, so a deleted cookie carries {@code
 * Max-Age=0} (the servlet {@link Cookie} API on Tomcat 11 writes only an {@code Expires} date).
 */
public final class SessionCookie {

  private final String name;
  private final @Nullable String domain;
  private final String path;
  private final boolean secure;
  private final boolean httpOnly;
  private final @Nullable String sameSite;

  private SessionCookie(
      String name,
      @Nullable String domain,
      String path,
      boolean secure,
      boolean httpOnly,
      @Nullable String sameSite) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("The session cookie needs a name");
    }
    this.name = name;
    this.domain = domain == null || domain.isBlank() ? null : domain;
    this.path = path;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.sameSite = sameSite == null || sameSite.isBlank() ? null : sameSite;
  }

  /**
   * A cookie called {@code name}: path {@code /}, host-only, not secure, HttpOnly, SameSite Lax.
   */
  public static SessionCookie named(String name) {
    return new SessionCookie(Objects.requireNonNull(name, "name"), null, "/", false, true, "Lax");
  }

  /** This cookie with the {@code Domain} attribute {@code domain}; null or blank for host-only. */
  public SessionCookie withDomain(@Nullable String domain) {
    return new SessionCookie(name, domain, path, secure, httpOnly, sameSite);
  }

  /** This cookie with the {@code Path} attribute {@code path}. */
  public SessionCookie withPath(String path) {
    return new SessionCookie(
        name, domain, Objects.requireNonNull(path, "path"), secure, httpOnly, sameSite);
  }

  /** This cookie, sent over HTTPS only when {@code secure}. */
  public SessionCookie withSecure(boolean secure) {
    return new SessionCookie(name, domain, path, secure, httpOnly, sameSite);
  }

  /** This cookie, hidden from JavaScript when {@code httpOnly}. */
  public SessionCookie withHttpOnly(boolean httpOnly) {
    return new SessionCookie(name, domain, path, secure, httpOnly, sameSite);
  }

  /** This cookie with the {@code SameSite} attribute {@code sameSite}; null to leave it out. */
  public SessionCookie withSameSite(@Nullable String sameSite) {
    return new SessionCookie(name, domain, path, secure, httpOnly, sameSite);
  }

  /** The cookie's name. */
  public String name() {
    return name;
  }

  /** The {@code Domain} attribute, or null for a host-only cookie. */
  public @Nullable String domain() {
    return domain;
  }

  /** The {@code Path} attribute. */
  public String path() {
    return path;
  }

  /** Whether the cookie is marked {@code Secure}. */
  public boolean secure() {
    return secure;
  }

  /** Whether the cookie is marked {@code HttpOnly}. */
  public boolean httpOnly() {
    return httpOnly;
  }

  /** The {@code SameSite} attribute, or null when left out. */
  public @Nullable String sameSite() {
    return sameSite;
  }

  /** Whether {@code request} carries at least one cookie of this name, well-formed or not. */
  public boolean isPresentIn(HttpServletRequest request) {
    return count(request) > 0;
  }

  /**
   * The value of this cookie in {@code request}, or null when there is none, or several (a client
   * or an attacker sending two session cookies gets no session). The value is not validated here;
   * {@link dev.sessionkit.SessionStore#open(String)} ignores a value that is not a valid key.
   */
  public @Nullable String readFrom(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    String value = null;
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        if (value != null) {
          return null;
        }
        value = cookie.getValue();
      }
    }
    return value;
  }

  /**
   * The cookie that carries {@code sessionKey}.
   *
   * @param maxAge how long the browser keeps it ({@code Max-Age}, whole seconds, and a matching
   *     {@code Expires}; a negative age is written as 0), or null for a cookie that ends when the
   *     browser closes (neither attribute)
   */
  public ResponseCookie forSession(String sessionKey, @Nullable Duration maxAge) {
    ResponseCookie.ResponseCookieBuilder builder = builder(sessionKey);
    if (maxAge != null) {
      builder.maxAge(Math.max(0, maxAge.getSeconds()));
    }
    return builder.build();
  }

  /** The cookie that deletes this one: empty value, {@code Max-Age=0}, same path and domain. */
  public ResponseCookie deletion() {
    return builder("").maxAge(0).build();
  }

  /**
   * Every value of this cookie in {@code request}, in header order. Several appear when a sibling
   * subdomain set one for the parent domain, or after the cookie's domain or path changed; the
   * browser sends them all, and the filter uses the first that names a live session.
   */
  public List<String> valuesIn(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        values.add(cookie.getValue());
      }
    }
    return values;
  }

  private int count(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    int count = 0;
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (name.equals(cookie.getName())) {
          count++;
        }
      }
    }
    return count;
  }

  private ResponseCookie.ResponseCookieBuilder builder(String value) {
    return ResponseCookie.from(name, value)
        .domain(domain)
        .path(path)
        .secure(secure)
        .httpOnly(httpOnly)
        .sameSite(sameSite);
  }

  @Override
  public String toString() {
    return "SessionCookie["
        + name
        + ", path "
        + path
        + (domain == null ? "" : ", domain " + domain)
        + (secure ? ", Secure" : "")
        + (httpOnly ? ", HttpOnly" : "")
        + (sameSite == null ? "" : ", SameSite " + sameSite)
        + "]";
  }
}
