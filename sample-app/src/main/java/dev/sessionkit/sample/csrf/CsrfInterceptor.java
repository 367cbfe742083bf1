package dev.sessionkit.sample.csrf;

import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Rejects every state-changing request (anything but GET, HEAD, OPTIONS and TRACE) whose form field
 * {@value CsrfTokens#PARAMETER} (or header {@value CsrfTokens#HEADER}) is not the session's token,
 * by throwing {@link CsrfTokenMismatchException}, which {@link CsrfFailureHandler} turns into a 403
 * page. Handlers marked {@link ChecksTestCookie} also accept a session that holds no token.
 */
@Component
public class CsrfInterceptor implements HandlerInterceptor {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final CsrfTokens tokens;
  private final Session session;

  /**
   * An interceptor checking the current request's {@code session} (the request-scoped bean the
   * starter provides).
   */
  public CsrfInterceptor(CsrfTokens tokens, Session session) {
    this.tokens = tokens;
    this.session = session;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return true;
    }
    String submitted = request.getParameter(CsrfTokens.PARAMETER);
    if (submitted == null) {
      submitted = request.getHeader(CsrfTokens.HEADER);
    }
    if (tokens.matches(session, submitted)) {
      return true;
    }
    boolean sessionHadToken = tokens.hasToken(session);
    if (!sessionHadToken
        && handler instanceof HandlerMethod method
        && method.hasMethodAnnotation(ChecksTestCookie.class)) {
      return true;
    }
    throw new CsrfTokenMismatchException(sessionHadToken);
  }
}
