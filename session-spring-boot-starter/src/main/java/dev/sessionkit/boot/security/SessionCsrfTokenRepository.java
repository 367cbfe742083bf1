package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * A {@link CsrfTokenRepository} that keeps the CSRF token in the visitor's sessionkit {@link
 * Session} under {@value #SESSION_KEY}, in place of Spring Security's {@code
 * HttpSessionCsrfTokenRepository}:
 *
 * <pre>{@code
 * "_csrf_token": {"token": "9f0c...", "headerName": "X-CSRF-TOKEN", "parameterName": "_csrf"}
 * }</pre>
 *
 * <p>Only the storage changes: Spring Security's {@code CsrfFilter} still defers loading until a
 * token is needed (a form rendered, a state-changing request checked), and its request handler
 * still masks the token in every page (XOR, against BREACH). A visitor who never sees a form gets
 * no token and so no session.
 */
public final class SessionCsrfTokenRepository implements CsrfTokenRepository {

  /** The session key under which the token is kept. */
  public static final String SESSION_KEY = "_csrf_token";

  private String headerName = "X-CSRF-TOKEN";
  private String parameterName = "_csrf";

  /** Sets the HTTP header that carries the token (default {@code X-CSRF-TOKEN}). */
  public void setHeaderName(String headerName) {
    this.headerName = headerName;
  }

  /** Sets the form parameter that carries the token (default {@code _csrf}). */
  public void setParameterName(String parameterName) {
    this.parameterName = parameterName;
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return new DefaultCsrfToken(headerName, parameterName, UUID.randomUUID().toString());
  }

  @Override
  public void saveToken(
      @Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (token == null) {
      Session session = CurrentSession.of(request);
      if (session != null) {
        session.remove(SESSION_KEY);
      }
      return;
    }
    RequestSessions.require(request, "CSRF token")
        .put(
            SESSION_KEY,
            Map.of(
                "token", token.getToken(),
                "headerName", token.getHeaderName(),
                "parameterName", token.getParameterName()));
  }

  @Override
  public @Nullable CsrfToken loadToken(HttpServletRequest request) {
    Session session = CurrentSession.of(request);
    if (session == null
        || !(session.get(SESSION_KEY) instanceof Map<?, ?> stored)
        || !(stored.get("token") instanceof String token)) {
      return null;
    }
    return new DefaultCsrfToken(
        stored.get("headerName") instanceof String header ? header : headerName,
        stored.get("parameterName") instanceof String parameter ? parameter : parameterName,
        token);
  }
}
