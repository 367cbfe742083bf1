package dev.sessionkit.boot.web;

import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Spring MVC's flash attributes (a message shown once, after a redirect) kept in the visitor's
 * sessionkit {@link Session} under {@value #SESSION_KEY} instead of the servlet container's {@code
 * HttpSession}, which Spring's default {@code SessionFlashMapManager} would create.
 *
 * <p>Stored as a JSON list, one object per pending flash map:
 *
 * <pre>{@code
 * "_flash_maps": [{"attributes": {"message": "Added to your cart."},
 *                  "targetRequestPath": "/cart", "targetRequestParams": {},
 *                  "expirationTime": 1764470000000}]
 * }</pre>
 *
 * <p>Flash attribute values must be JSON-shaped, like everything in a session: strings, numbers,
 * booleans, lists, maps, and records or POJOs (which come back as maps after the redirect).
 *
 * <p>Spring MVC asks for flash attributes on every request, but a request that does not otherwise
 * touch its session must cost the backend nothing. So while flash maps are pending, a small marker
 * cookie (the session cookie's name with {@code _flash}, value {@code 1}, same attributes, lasting
 * the flash map timeout) tells that there is something to read; a request without it never loads
 * the session here. The marker is deleted when the last flash map is used.
 */
public class SessionFlashMapManager extends AbstractFlashMapManager {

  /** The session key under which the pending flash maps are kept. */
  public static final String SESSION_KEY = "_flash_maps";

  /** What the marker cookie's name adds to the session cookie's. */
  public static final String MARKER_SUFFIX = "_flash";

  private final SessionCookie marker;

  /**
   * A manager whose marker cookie is named after {@code sessionCookie} and has its domain, path,
   * secure and SameSite attributes (and is always HttpOnly).
   */
  public SessionFlashMapManager(SessionCookie sessionCookie) {
    this.marker =
        SessionCookie.named(sessionCookie.name() + MARKER_SUFFIX)
            .withDomain(sessionCookie.domain())
            .withPath(sessionCookie.path())
            .withSecure(sessionCookie.secure())
            .withHttpOnly(true)
            .withSameSite(sessionCookie.sameSite());
  }

  @Override
  protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
    Session session = CurrentSession.of(request);
    if (session == null || !marker.isPresentIn(request)) {
      return null;
    }
    if (!(session.get(SESSION_KEY) instanceof List<?> maps)) {
      return null;
    }
    List<FlashMap> flashMaps = new ArrayList<>();
    for (Object map : maps) {
      if (map instanceof Map<?, ?> fields) {
        flashMaps.add(flashMap(fields));
      }
    }
    return flashMaps;
  }

  @Override
  protected void updateFlashMaps(
      List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
    Session session = CurrentSession.of(request);
    if (session == null) {
      if (flashMaps.isEmpty()) {
        return;
      }
      throw new IllegalStateException(
          "Flash attributes need the sessionkit SessionFilter, which did not run for "
              + request.getRequestURI()
              + "; check the URL patterns and dispatcher types of its FilterRegistrationBean.");
    }
    boolean markerSent = marker.isPresentIn(request);
    if (flashMaps.isEmpty()) {
      session.remove(SESSION_KEY);
      if (markerSent) {
        response.addHeader(HttpHeaders.SET_COOKIE, marker.deletion().toString());
      }
      return;
    }
    session.put(SESSION_KEY, flashMaps.stream().map(SessionFlashMapManager::fields).toList());
    response.addHeader(
        HttpHeaders.SET_COOKIE,
        marker.forSession("1", Duration.ofSeconds(getFlashMapTimeout())).toString());
  }

  /**
   * None: the maps are read and written through the request's own {@link Session}, whose saves
   * merge concurrent changes, so no lock across requests is needed (and a shared one would not work
   * across instances anyway).
   */
  @Override
  protected @Nullable Object getFlashMapsMutex(HttpServletRequest request) {
    return null;
  }

  private static Map<String, Object> fields(FlashMap flashMap) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("attributes", new LinkedHashMap<>(flashMap));
    fields.put("targetRequestPath", flashMap.getTargetRequestPath());
    Map<String, List<String>> params = new LinkedHashMap<>();
    flashMap.getTargetRequestParams().forEach(params::put);
    fields.put("targetRequestParams", params);
    fields.put("expirationTime", flashMap.getExpirationTime());
    return fields;
  }

  private static FlashMap flashMap(Map<?, ?> fields) {
    FlashMap flashMap = new FlashMap();
    if (fields.get("attributes") instanceof Map<?, ?> attributes) {
      attributes.forEach((name, value) -> flashMap.put(String.valueOf(name), value));
    }
    if (fields.get("targetRequestPath") instanceof String path) {
      flashMap.setTargetRequestPath(path);
    }
    if (fields.get("targetRequestParams") instanceof Map<?, ?> params) {
      params.forEach(
          (name, values) -> {
            if (values instanceof List<?> list) {
              list.forEach(
                  value ->
                      flashMap.addTargetRequestParam(String.valueOf(name), String.valueOf(value)));
            }
          });
    }
    if (fields.get("expirationTime") instanceof Number expirationTime) {
      flashMap.setExpirationTime(expirationTime.longValue());
    }
    return flashMap;
  }
}
