package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.jdbc.JdbcSessionStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/**
 * A backend that fails (here: a database without the session table, so that every statement fails)
 * is answered 503 with {@code Retry-After} wherever the failure surfaces: the handler's load, the
 * filter's save, the eager load of several cookies, Spring MVC's resolver. A request that does not
 * touch its session is unaffected, and a session over the size limit stays the application's error.
 * Cookies the request had already set, such as a remember-me token rotated on the server, stay.
 */
class SessionBackendFailureAnswerTests {

  private static final String KEY = "abcdefgh12345678abcdefgh12345678";

  private final SessionFilter filter =
      new SessionFilter(brokenStore(), SessionCookie.named("sessionid"), false);

  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void backendFailureWhileTheHandlerReadsTheSessionAnswers503WithRetryAfter() throws Exception {
    request.setCookies(new Cookie("sessionid", KEY));
    request.setParameter("action", "read");

    filter.doFilter(request, response, new MockFilterChain(handler()));

    assertUnavailable();
  }

  @Test
  void backendFailureWhileTheFilterSavesAnswers503WithRetryAfter() throws Exception {
    request.setParameter("action", "write");

    filter.doFilter(request, response, new MockFilterChain(handler()));

    assertUnavailable();
  }

  @Test
  void answer503KeepsTheApplicationsCookiesSuchAsARotatedRememberMeTokenButNotTheFlashMarker()
      throws Exception {
    request.setParameter("action", "rotate-and-write");

    filter.doFilter(request, response, new MockFilterChain(handler()));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.UNAVAILABLE_MESSAGE);
    assertThat(response.getHeaders("Set-Cookie"))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie).startsWith("remember-me=rotated"));
  }

  @Test
  void backendFailureWhileSeveralCookiesAreTriedAnswers503WithRetryAfter() throws Exception {
    request.setCookies(new Cookie("sessionid", KEY), new Cookie("sessionid", KEY + "9"));

    filter.doFilter(request, response, new MockFilterChain(handler()));

    assertUnavailable();
  }

  @Test
  void requestThatDoesNotTouchItsSessionIsUnaffectedByTheBackend() throws Exception {
    request.setCookies(new Cookie("sessionid", KEY));

    filter.doFilter(request, response, new MockFilterChain(handler()));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString()).isEqualTo("untouched");
    assertThat(response.getHeader("Retry-After")).isNull();
  }

  @Test
  void resolverAnswersABackendFailure503WithRetryAfter() throws Exception {
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(new byte[] {1, 2, 3});

    ModelAndView handled =
        new SessionInterruptedExceptionResolver()
            .resolveException(
                request,
                response,
                null,
                new IllegalStateException(
                    "writing the body failed", new SessionStoreException("Redis is down")));

    assertThat(handled).isNotNull();
    assertUnavailable();
  }

  @Test
  void resolverLeavesASessionOverTheSizeLimitToTheApplication() {
    ModelAndView handled =
        new SessionInterruptedExceptionResolver()
            .resolveException(
                request, response, null, new SessionTooLargeException("The session", 10, 5));

    assertThat(handled).isNull();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(SaveFailureAnswer.of(new SessionTooLargeException("The session", 10, 5))).isNull();
  }

  @Test
  void filterRethrowsASessionOverTheSizeLimit() {
    SessionFilter failing =
        new SessionFilter(brokenStore(), SessionCookie.named("sessionid"), false);
    HttpServlet tooLarge =
        new HttpServlet() {
          @Override
          protected void service(HttpServletRequest request, HttpServletResponse response) {
            throw new SessionTooLargeException("The session", 10, 5);
          }
        };

    assertThatExceptionOfType(SessionTooLargeException.class)
        .isThrownBy(() -> failing.doFilter(request, response, new MockFilterChain(tooLarge)));
  }

  private void assertUnavailable() throws IOException {
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After"))
        .isEqualTo(String.valueOf(SaveFailureAnswer.RETRY_AFTER_SECONDS));
    assertThat(response.getContentType()).startsWith("text/plain");
    assertThat(response.getContentAsString()).isEqualTo(SessionFilter.UNAVAILABLE_MESSAGE);
    assertThat(response.getHeaders("Set-Cookie")).isEmpty();
  }

  /** A db store on a database that has no session table: every load and save fails. */
  private static JdbcSessionStore brokenStore() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:no-table-" + UUID.randomUUID());
    return new JdbcSessionStore(dataSource);
  }

  /** Reads the session (action "read"), writes it ("write"), or leaves it alone. */
  private static HttpServlet handler() {
    return new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        Session session = (Session) request.getAttribute(SessionFilter.SESSION_ATTRIBUTE);
        String action = request.getParameter("action");
        if ("read".equals(action)) {
          response.getWriter().write(String.valueOf(session.get("k")));
        } else if ("write".equals(action)) {
          session.put("k", "v");
          response.setStatus(204);
        } else if ("rotate-and-write".equals(action)) {
          // as a remember-me login does: its new token is stored before the session is written
          response.addCookie(new Cookie("remember-me", "rotated"));
          response.addCookie(new Cookie("sessionid" + SessionFlashMapManager.MARKER_SUFFIX, "1"));
          session.put("k", "v");
          response.setStatus(204);
        } else {
          response.getWriter().write("untouched");
        }
      }
    };
  }
}
