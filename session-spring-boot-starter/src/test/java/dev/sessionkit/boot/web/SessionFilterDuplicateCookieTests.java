package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Several session cookies in one request (a sibling subdomain's cookie for the parent domain, or
 * one left from before the cookie's domain or path changed): the first that names a live session is
 * used, and no deletion is sent that could only remove the application's own cookie.
 */
class SessionFilterDuplicateCookieTests {

  private static final String STALE = "stalekey0123456789abcdefghijklmn";

  private final SessionStore store =
      new CacheSessionStore(SessionCaches.caffeine("duplicates", 100, Clock.systemUTC()));
  private final SessionFilter filter =
      new SessionFilter(store, SessionCookie.named("sessionid"), false);

  @Test
  void aStaleCookieBeforeTheLiveOneDoesNotHideIt() throws Exception {
    String live = liveSession();

    Session seen = handle(List.of(STALE, live), session -> session.put("b", 2)).session;

    assertThat(seen.getSessionKey()).isEqualTo(live);
    assertThat(store.open(live).get("a")).isEqualTo(1);
    assertThat(store.open(live).get("b")).isEqualTo(2);
  }

  @Test
  void theLiveCookieBeforeAStaleOneIsUsed() throws Exception {
    String live = liveSession();

    Session seen = handle(List.of(live, STALE), session -> session.get("a")).session;

    assertThat(seen.getSessionKey()).isEqualTo(live);
  }

  @Test
  void severalCookiesOfWhichNoneLoadsGetNoDeletion() throws Exception {
    Handled handled = handle(List.of(STALE, "otherstale0123456789abcdefghijkl"), Session::keySet);

    assertThat(handled.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
  }

  @Test
  void severalCookiesAndALogoutSendNoDeletion() throws Exception {
    String live = liveSession();

    Handled handled = handle(List.of(STALE, live), Session::flush);

    assertThat(handled.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
    assertThat(store.exists(live)).isFalse();
  }

  @Test
  void atMostThreeDistinctCookieValuesAreTried() throws Exception {
    String live = liveSession();
    List<String> values =
        List.of(
            STALE,
            STALE,
            "stale2key0123456789abcdefghijklm",
            "stale3key0123456789abcdefghijklm",
            live);

    Session seen = handle(values, Session::keySet).session;

    assertThat(seen.getSessionKey()).isNull();
  }

  @Test
  void oneStaleCookieIsDeletedAsBefore() throws Exception {
    Handled handled = handle(List.of(STALE), Session::keySet);

    assertThat(handled.response.getHeaders(HttpHeaders.SET_COOKIE))
        .singleElement()
        .asString()
        .startsWith("sessionid=;")
        .contains("Max-Age=0");
  }

  private String liveSession() {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    return session.getSessionKey();
  }

  /** What a handler does with the request's session. */
  private interface Handler {
    void handle(Session session);
  }

  private record Handled(Session session, MockHttpServletResponse response) {}

  private Handled handle(List<String> cookieValues, Handler handler) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    request.setCookies(
        cookieValues.stream().map(value -> new Cookie("sessionid", value)).toArray(Cookie[]::new));
    MockHttpServletResponse response = new MockHttpServletResponse();
    Session[] seen = new Session[1];
    filter.doFilter(
        request,
        response,
        new MockFilterChain(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  jakarta.servlet.http.HttpServletRequest req,
                  jakarta.servlet.http.HttpServletResponse res) {
                seen[0] = CurrentSession.of(req);
                handler.handle(seen[0]);
              }
            }));
    return new Handled(seen[0], response);
  }
}
