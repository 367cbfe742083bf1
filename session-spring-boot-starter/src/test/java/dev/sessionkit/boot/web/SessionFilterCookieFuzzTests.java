package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookie;
import org.apache.tomcat.util.http.ServerCookies;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Property-based test (jqwik) of the {@link SessionFilter} against any {@code Cookie} header: live
 * keys among malformed, quoted, repeated, huge and random values, any bytes. The header is parsed
 * by Tomcat's own cookie parser, as the embedded server would, and the filter runs in process on
 * the store of each subclass's backend (Caffeine, H2, files), {@value #TRIES} cases each. Never a
 * 5xx, never an exception; the session read is the live one when any {@code sessionid} cookie names
 * one, else an empty one; a cookie that is set always carries a key the server issued, never one
 * the client chose.
 */
abstract class SessionFilterCookieFuzzTests {

  static final int TRIES = 10_000;

  private static final Pattern ISSUED_KEY = Pattern.compile("sessionid=[a-z0-9]{32}(;.*)?");

  private static final Pattern DELETION = Pattern.compile("sessionid=;.*Max-Age=0.*");

  private final SessionStore store = newStore();

  private final List<String> liveKeys = liveSessions(store, 5);

  private final SessionFilter filter =
      new SessionFilter(store, SessionCookie.named("sessionid"), false);

  /** The store of the backend under test, made once per property. */
  abstract SessionStore newStore();

  /** Reads {@code k} (action "read"), writes it ("write"), or leaves the session alone. */
  private final HttpServlet handler =
      new HttpServlet() {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
          Session session = (Session) request.getAttribute(SessionFilter.SESSION_ATTRIBUTE);
          String action = request.getParameter("action");
          String body = "untouched";
          if ("read".equals(action)) {
            body = String.valueOf(session.get("k"));
          } else if ("write".equals(action)) {
            session.put("w", "written");
            body = "written";
          }
          response.getWriter().write(body);
        }
      };

  @Property(tries = TRIES)
  void anyCookieHeaderIsAnsweredWithoutA5xxAndNeverChoosesTheKey(
      @ForAll("cookieHeaders") byte[] header, @ForAll("actions") String action) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    request.setParameter("action", action);
    Cookie[] cookies = parseAsTomcatDoes(header);
    request.setCookies(cookies);
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, new MockFilterChain(handler));

    assertThat(response.getStatus()).isLessThan(500);
    for (String setCookie : response.getHeaders(HttpHeaders.SET_COOKIE)) {
      assertThat(setCookie)
          .matches(
              value -> ISSUED_KEY.matcher(value).matches() || DELETION.matcher(value).matches(),
              "an issued key or a deletion");
      if (ISSUED_KEY.matcher(setCookie).matches()) {
        String key = setCookie.substring("sessionid=".length(), "sessionid=".length() + 32);
        assertThat(store.exists(key)).as("the set cookie's session is stored").isTrue();
      }
    }
    // The filter tries the first SessionFilter.MAX_COOKIES_TRIED distinct values, in order.
    List<String> values = new ArrayList<>();
    for (Cookie cookie : cookies) {
      if (cookie.getName().equals("sessionid")) {
        values.add(cookie.getValue());
      }
    }
    int sessionCookies = values.size();
    boolean namesALiveSession =
        values.stream()
            .distinct()
            .limit(SessionFilter.MAX_COOKIES_TRIED)
            .anyMatch(liveKeys::contains);
    if (action.equals("read")) {
      assertThat(response.getContentAsString()).isEqualTo(namesALiveSession ? "v" : "null");
    }
    Statistics.label("session cookies").collect(Math.min(sessionCookies, 2));
    Statistics.label("names a live session").collect(namesALiveSession);
  }

  @Provide
  Arbitrary<String> actions() {
    return Arbitraries.of("read", "write", "untouched");
  }

  @Provide
  Arbitrary<byte[]> cookieHeaders() {
    Arbitrary<String> keyLike =
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMaxLength(48);
    Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> huge =
        Arbitraries.integers().between(1, 100_000).map(n -> "sessionid=" + "a".repeat(n));
    Arbitrary<String> pairs =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.of(liveKeys).map(key -> "sessionid=" + key)),
            Tuple.of(15, keyLike.map(key -> "sessionid=" + key)),
            Tuple.of(10, garbage.map(value -> "sessionid=" + value)),
            Tuple.of(5, Arbitraries.of(liveKeys).map(key -> "sessionid=\"" + key + "\"")),
            Tuple.of(5, Arbitraries.of(liveKeys).map(key -> "SESSIONID=" + key)),
            Tuple.of(5, Arbitraries.of(liveKeys).map(key -> " sessionid = " + key + " ")),
            Tuple.of(10, Combinators.combine(garbage, garbage).as((n, v) -> n + "=" + v)),
            Tuple.of(
                5,
                Arbitraries.of(
                    "sessionid", "sessionid=", "=", "==", ";", "$Version=1", "$Path=/", "\"")),
            Tuple.of(1, huge));
    Arbitrary<String> separators = Arbitraries.of("; ", ";", ",", " ", ";;", "\t", "");
    Arbitrary<String> headers =
        Combinators.combine(pairs.list().ofMaxSize(30), separators.list().ofSize(30))
            .as(
                (parts, between) -> {
                  StringBuilder header = new StringBuilder();
                  for (int i = 0; i < parts.size(); i++) {
                    header.append(i == 0 ? "" : between.get(i)).append(parts.get(i));
                  }
                  return header.toString();
                });
    Arbitrary<byte[]> encoded =
        Combinators.combine(
                headers, Arbitraries.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8))
            .as(String::getBytes);
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(500);
    Arbitrary<byte[]> randomText =
        Arbitraries.strings().all().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(70, encoded), Tuple.of(15, randomBytes), Tuple.of(15, randomText));
  }

  /**
   * The cookies Tomcat hands a servlet for {@code header}: its RFC 6265 parser, then, as {@code
   * Request.convertCookies}, a {@link Cookie} per parsed pair, skipping names it refuses.
   */
  private static Cookie[] parseAsTomcatDoes(byte[] header) {
    MimeHeaders headers = new MimeHeaders();
    headers.addValue("Cookie").setBytes(header, 0, header.length);
    ServerCookies parsed = new ServerCookies(8);
    parsed.setLimit(-1);
    new Rfc6265CookieProcessor().parseCookieHeader(headers, parsed);
    List<Cookie> cookies = new ArrayList<>();
    for (int i = 0; i < parsed.getCookieCount(); i++) {
      ServerCookie cookie = parsed.getCookie(i);
      try {
        Cookie converted = new Cookie(cookie.getName().toString(), null);
        cookie.getValue().getByteChunk().setCharset(StandardCharsets.UTF_8);
        converted.setValue(cookie.getValue().toString());
        cookies.add(converted);
      } catch (IllegalArgumentException refused) {
        // Tomcat ignores a cookie whose name the Servlet API refuses.
      }
    }
    return cookies.toArray(Cookie[]::new);
  }

  private static List<String> liveSessions(SessionStore store, int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Session session = store.newSession();
      session.put("k", "v");
      session.save();
      keys.add(session.getSessionKey());
    }
    return List.copyOf(keys);
  }
}
