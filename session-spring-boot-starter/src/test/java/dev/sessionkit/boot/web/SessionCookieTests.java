package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.web.MockHttpServletRequest;

/** Reading the session cookie from a request and writing it with Spring's ResponseCookie. */
class SessionCookieTests {

  private final SessionCookie cookie = SessionCookie.named("sessionid");

  @Test
  void readFromReturnsTheOnlyCookieOfThatName() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("other", "x"), new Cookie("sessionid", "abcdefgh"));

    assertThat(cookie.readFrom(request)).isEqualTo("abcdefgh");
    assertThat(cookie.isPresentIn(request)).isTrue();
  }

  @Test
  void readFromReturnsNullForSeveralCookiesOfThatName() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie("sessionid", "abcdefgh"), new Cookie("sessionid", "ijklmnop"));

    assertThat(cookie.readFrom(request)).isNull();
    assertThat(cookie.isPresentIn(request)).isTrue();
  }

  @Test
  void valuesInListsEveryCookieOfThatNameInHeaderOrder() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(
        new Cookie("sessionid", "first123"),
        new Cookie("other", "x"),
        new Cookie("sessionid", "second12"));

    assertThat(cookie.valuesIn(request)).containsExactly("first123", "second12");
    assertThat(cookie.valuesIn(new MockHttpServletRequest())).isEmpty();
  }

  @Test
  void readFromReturnsNullWithoutCookies() {
    MockHttpServletRequest request = new MockHttpServletRequest();

    assertThat(cookie.readFrom(request)).isNull();
    assertThat(cookie.isPresentIn(request)).isFalse();
  }

  @Test
  void forSessionWritesMaxAgeInWholeSecondsAndEveryAttribute() {
    SessionCookie configured =
        cookie.withDomain("example.org").withPath("/app").withSecure(true).withSameSite("Strict");

    ResponseCookie written = configured.forSession("key", Duration.ofMillis(1_209_599_999));

    assertThat(written.getMaxAge()).isEqualTo(Duration.ofSeconds(1_209_599));
    assertThat(written.toString())
        .startsWith("sessionid=key; Path=/app; Domain=example.org;" + " Max-Age=1209599; Expires=")
        .endsWith("; Secure; HttpOnly; SameSite=Strict");
  }

  @Test
  void forSessionClampsANegativeAgeToZero() {
    assertThat(cookie.forSession("key", Duration.ofSeconds(-5)).getMaxAge())
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void forSessionWithoutAgeEndsWithTheBrowser() {
    assertThat(cookie.forSession("key", null).toString())
        .isEqualTo("sessionid=key; Path=/; HttpOnly; SameSite=Lax");
  }

  @Test
  void deletionHasAnEmptyValueMaxAgeZeroAndTheSamePathAndDomain() {
    ResponseCookie deletion = cookie.withDomain("example.org").deletion();

    assertThat(deletion.getValue()).isEmpty();
    assertThat(deletion.toString())
        .startsWith(
            "sessionid=; Path=/; Domain=example.org;"
                + " Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  }

  @Test
  void blankDomainAndSameSiteAreLeftOut() {
    SessionCookie plain = cookie.withDomain(" ").withSameSite("");

    assertThat(plain.domain()).isNull();
    assertThat(plain.forSession("key", null).toString())
        .isEqualTo("sessionid=key; Path=/; HttpOnly");
  }
}
