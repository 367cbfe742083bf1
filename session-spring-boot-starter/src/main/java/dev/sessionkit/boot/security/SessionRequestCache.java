package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A {@link RequestCache} that keeps the request saved before a login redirect in the visitor's
 * sessionkit {@link Session} under {@value #SESSION_KEY}, in place of Spring Security's {@code
 * HttpSessionRequestCache}. It keeps only what {@code
 * SavedRequestAwareAuthenticationSuccessHandler} needs to send the visitor back, the method and the
 * full URL:
 *
 * <pre>{@code
 * "_saved_request": {"method": "GET", "url": "https://shop.example/account?tab=orders"}
 * }</pre>
 *
 * <p>As Spring Security's cache does, the redirect after login carries the parameter {@code
 * continue}, and only a request with that parameter is matched against the saved one (and removes
 * it), so other requests never load the session for it. By default only page requests are saved:
 * {@code GET}, not {@code XMLHttpRequest}, not asking for JSON only, not a favicon.
 */
public final class SessionRequestCache implements RequestCache {

  /** The session key under which the saved request is kept. */
  public static final String SESSION_KEY = "_saved_request";

  private RequestMatcher requestMatcher = SessionRequestCache::isPageRequest;
  private @Nullable String matchingRequestParameterName = "continue";

  /** Sets which requests are saved (default: page requests, as described above). */
  public void setRequestMatcher(RequestMatcher requestMatcher) {
    this.requestMatcher = requestMatcher;
  }

  /**
   * Sets the parameter that the redirect after login carries and that a request must have to be
   * matched against the saved one (default {@code continue}); null matches every request.
   */
  public void setMatchingRequestParameterName(@Nullable String matchingRequestParameterName) {
    this.matchingRequestParameterName = matchingRequestParameterName;
  }

  @Override
  public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
    if (!requestMatcher.matches(request)) {
      return;
    }
    RequestSessions.require(request, "saved request")
        .put(
            SESSION_KEY,
            Map.of("method", request.getMethod(), "url", UrlUtils.buildFullRequestUrl(request)));
  }

  @Override
  public @Nullable SavedRequest getRequest(
      HttpServletRequest request, HttpServletResponse response) {
    Session session = CurrentSession.of(request);
    if (session == null
        || !(session.get(SESSION_KEY) instanceof Map<?, ?> stored)
        || !(stored.get("url") instanceof String url)) {
      return null;
    }
    String method = stored.get("method") instanceof String saved ? saved : "GET";
    return new SessionSavedRequest(method, url, redirectUrl(url));
  }

  @Override
  public @Nullable HttpServletRequest getMatchingRequest(
      HttpServletRequest request, HttpServletResponse response) {
    String parameter = matchingRequestParameterName;
    if (parameter != null && !hasQueryParameter(request, parameter)) {
      return null;
    }
    SavedRequest saved = getRequest(request, response);
    if (!(saved instanceof SessionSavedRequest savedRequest)
        || !normalized(savedRequest.url()).equals(withoutMatchingParameter(request))) {
      return null;
    }
    removeRequest(request, response);
    return request;
  }

  @Override
  public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
    Session session = CurrentSession.of(request);
    if (session != null) {
      session.remove(SESSION_KEY);
    }
  }

  private String redirectUrl(String url) {
    String parameter = matchingRequestParameterName;
    return parameter == null
        ? url
        : UriComponentsBuilder.fromUriString(url).queryParam(parameter).build().toUriString();
  }

  private String withoutMatchingParameter(HttpServletRequest request) {
    UriComponentsBuilder url =
        UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request));
    String parameter = matchingRequestParameterName;
    if (parameter != null) {
      url.replaceQueryParam(parameter);
    }
    return url.build().toUriString();
  }

  private static String normalized(String url) {
    return UriComponentsBuilder.fromUriString(url).build().toUriString();
  }

  private static boolean hasQueryParameter(HttpServletRequest request, String name) {
    String query = request.getQueryString();
    if (query == null || query.isEmpty()) {
      return false;
    }
    return UriComponentsBuilder.newInstance()
        .query(query)
        .build()
        .getQueryParams()
        .containsKey(name);
  }

  /** A page a person asked for, worth returning to after login. */
  private static boolean isPageRequest(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())
        || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
        || request.getRequestURI().endsWith("/favicon.ico")) {
      return false;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return true;
    }
    try {
      return !MediaType.parseMediaTypes(accept).stream()
          .allMatch(
              type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType());
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }
}
