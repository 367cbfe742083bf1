package dev.sessionkit.boot.security;

import jakarta.servlet.http.Cookie;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The request saved before a login redirect, as {@link SessionRequestCache} keeps it: only what the
 * redirect back needs (the URL and the method), none of the request's headers, cookies or
 * parameters. The redirect URL carries the cache's matching parameter ({@code continue}).
 */
record SessionSavedRequest(String method, String url, String redirectUrl) implements SavedRequest {

  @Override
  public String getRedirectUrl() {
    return redirectUrl;
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public List<Cookie> getCookies() {
    return List.of();
  }

  @Override
  public List<String> getHeaderValues(String name) {
    return List.of();
  }

  @Override
  public Collection<String> getHeaderNames() {
    return List.of();
  }

  @Override
  public List<Locale> getLocales() {
    return List.of();
  }

  @Override
  public String[] getParameterValues(String name) {
    return new String[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }
}
