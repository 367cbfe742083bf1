package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.SessionTestController;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.boot.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session filter's web suite on a cookie backend, where the cookie value is the session itself
 * (base64url and separators, thousands of characters, new at every save) and nothing is kept on the
 * server. The suite's tests that assume a server-side record are excluded by overriding them
 * without {@code @Test}, each with its reason; those that only check the key's 32-character form
 * are repeated here with the cookie's form:
 *
 * <ul>
 *   <li>checked here with the cookie's form instead of 32 characters of {@code [a-z0-9]}: {@code
 *       writeSetsCookieWithEveryAttribute} (also asserts {@code exists}, always false for a
 *       cookie), {@code sessionEndingWithTheBrowserHasNoMaxAgeOrExpires}, {@code
 *       expireAtBrowserClosePropertyDropsMaxAgeAndExpires}, {@code
 *       expiryInThePastWritesMaxAgeZero}, {@code largeResponseStillCarriesTheCookie}, {@code
 *       redirectStillCarriesTheCookie}, {@code sendErrorBelow500StillSavesAndSetsTheCookie}, {@code
 *       asynchronousHandlerSavesWhenItCompletes}, {@code
 *       unknownButWellFormedKeyGetsAFreshKeyWhenSaved};
 *   <li>every save gives a new cookie, so the key does not stay the same: {@code
 *       saveEveryRequestRefreshesTheCookie}, {@code writesWithConcurrentReadsNeverLoseTheSession}
 *       (both checked here in their cookie form);
 *   <li>a logout cannot end a cookie session held by another request (no server-side deletion, so
 *       no 400 for the other request): {@code concurrentLogoutMakesTheOtherRequestAnswer400},
 *       {@code concurrentLogoutAnswers400EvenWithAGlobalExceptionHandler};
 *   <li>a flush deletes nothing on the server, so there is no deleted event (as Django's
 *       signed_cookies): {@code createdAndDeletedSessionsReachTheApplicationsEventListener};
 *   <li>any cookie value is decoded (and refused) locally, which counts as a load although it costs
 *       no backend I/O: {@code malformedCookieValueIsNoSession}.
 * </ul>
 */
abstract class AbstractCookieSessionFilterWebTests extends AbstractSessionFilterWebTests {

  /** A cookie value as the cookie backends write it: base64url and their separators. */
  static final String COOKIE_VALUE = "[A-Za-z0-9_.:-]{40,}";

  // ---- the suite's tests that do not apply ---------------------------------------------------

  // Excluded: checks the 32-character key form; see writeSetsTheSessionCookieWithEveryAttribute.
  @Override
  void writeSetsCookieWithEveryAttribute() {}

  // Excluded: checks the 32-character key form; see sessionEndingWithTheBrowserHasNoCookieAge.
  @Override
  void sessionEndingWithTheBrowserHasNoMaxAgeOrExpires() {}

  // Excluded: checks the 32-character key form; see sessionEndingWithTheBrowserHasNoCookieAge.
  @Override
  void expireAtBrowserClosePropertyDropsMaxAgeAndExpires() {}

  // Excluded: checks the 32-character key form; see expiryInThePastWritesACookieWithMaxAgeZero.
  @Override
  void expiryInThePastWritesMaxAgeZero() {}

  // Excluded: checks the 32-character key form; see everyWayOfEndingTheResponseCarriesTheCookie.
  @Override
  void largeResponseStillCarriesTheCookie(String path) {}

  // Excluded: checks the 32-character key form; see everyWayOfEndingTheResponseCarriesTheCookie.
  @Override
  void redirectStillCarriesTheCookie() {}

  // Excluded: checks the 32-character key form; see everyWayOfEndingTheResponseCarriesTheCookie.
  @Override
  void sendErrorBelow500StillSavesAndSetsTheCookie() {}

  // Excluded: checks the 32-character key form; see everyWayOfEndingTheResponseCarriesTheCookie.
  @Override
  void asynchronousHandlerSavesWhenItCompletes() {}

  // Excluded: checks the 32-character key form; see foreignCookieValueGetsAFreshCookieWhenSaved.
  @Override
  void unknownButWellFormedKeyGetsAFreshKeyWhenSaved() {}

  // Excluded: every save gives a new cookie; see saveEveryRequestGivesAFreshCookieEveryTime.
  @Override
  void saveEveryRequestRefreshesTheCookie() {}

  // Excluded: every write gives a new cookie; see everyChangeGetsANewCookieThatReadsBack.
  @Override
  void writesWithConcurrentReadsNeverLoseTheSession() {}

  // Excluded: no server-side deletion, so a logout cannot interrupt another request's session.
  @Override
  void concurrentLogoutMakesTheOtherRequestAnswer400() {}

  // Excluded: no server-side deletion, so a logout cannot interrupt another request's session.
  @Override
  void concurrentLogoutAnswers400EvenWithAGlobalExceptionHandler(String path) {}

  // Excluded: a flush deletes nothing on the server, so no deleted event (Django's signed_cookies).
  @Override
  void createdAndDeletedSessionsReachTheApplicationsEventListener() {}

  // Excluded: any value is decoded and refused locally, counted as a load but costing no I/O.
  @Override
  void malformedCookieValueIsNoSession(String cookieHeader) {}

  // ---- the same, in the cookie's form ----------------------------------------------------------

  @Test
  void writeSetsTheSessionCookieWithEveryAttribute() {
    HttpResponse<String> response = new Browser(server()).get("/put?key=k&value=v");

    SetCookie cookie = SetCookie.all(response.headers()).get(0);
    assertThat(cookie.name()).isEqualTo("sessionid");
    assertThat(cookie.value()).matches(COOKIE_VALUE);
    assertThat(cookie.attribute("Path")).isEqualTo("/");
    assertThat(cookie.attribute("Max-Age")).isEqualTo("1209600");
    assertThat(cookie.has("Expires")).isTrue();
    assertThat(cookie.has("HttpOnly")).isTrue();
    assertThat(cookie.attribute("SameSite")).isEqualTo("Lax");
    assertThat(response.headers().allValues("vary")).anyMatch(v -> v.contains("Cookie"));
    assertThat(server().bean(SessionStore.class).exists(cookie.value())).isFalse();
  }

  @Test
  void sessionEndingWithTheBrowserHasNoCookieAge() {
    SetCookie own = SetCookie.all(new Browser(server()).get("/browser-close").headers()).get(0);
    assertThat(own.value()).matches(COOKIE_VALUE);
    assertThat(own.has("Max-Age")).isFalse();
    assertThat(own.has("Expires")).isFalse();

    try (TestServer variant = startVariant(Map.of("sessionkit.expire-at-browser-close", "true"))) {
      SetCookie configured =
          SetCookie.all(new Browser(variant).get("/put?key=k&value=v").headers()).get(0);
      assertThat(configured.value()).matches(COOKIE_VALUE);
      assertThat(configured.has("Max-Age")).isFalse();
      assertThat(configured.has("Expires")).isFalse();
    }
  }

  @Test
  void expiryInThePastWritesACookieWithMaxAgeZero() {
    SetCookie cookie = SetCookie.all(new Browser(server()).get("/expired").headers()).get(0);

    assertThat(cookie.value()).matches(COOKIE_VALUE);
    assertThat(cookie.attribute("Max-Age")).isEqualTo("0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/stream", "/stream-writer", "/large-body", "/redirect", "/send-error", "/async"})
  void everyWayOfEndingTheResponseCarriesTheCookie(String path) {
    Browser browser = new Browser(server());

    HttpResponse<byte[]> response =
        browser.getBytes(path.equals("/async") ? "/async-put?value=later" : path);

    if (path.startsWith("/stream") || path.equals("/large-body")) {
      assertThat(response.body().length).isEqualTo(SessionTestController.LARGE);
    }
    assertThat(response.headers().allValues("set-cookie"))
        .singleElement()
        .satisfies(header -> assertThat(SetCookie.parse(header).value()).matches(COOKIE_VALUE));
    assertThat(browser.get("/get?key=k").body()).isNotEqualTo("null");
  }

  @Test
  void foreignCookieValueGetsAFreshCookieWhenSaved() {
    String foreign = "abcdefghijklmnopqrstuvwxyz012345";

    String response =
        Browser.rawGet(
            server(),
            "/put?key=k&value=v",
            ("sessionid=" + foreign).getBytes(StandardCharsets.ISO_8859_1));

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).containsPattern("Set-Cookie: sessionid=" + COOKIE_VALUE);
    assertThat(response).doesNotContain("sessionid=" + foreign);
  }

  @Test
  void saveEveryRequestGivesAFreshCookieEveryTime() {
    try (TestServer variant = startVariant(Map.of("sessionkit.save-every-request", "true"))) {
      Browser browser = new Browser(variant);
      browser.get("/put?key=k&value=v");

      for (String path : List.of("/untouched", "/get?key=k")) {
        HttpResponse<String> response = browser.get(path);
        SetCookie cookie = SetCookie.all(response.headers()).get(0);
        assertThat(cookie.value()).as(path).matches(COOKIE_VALUE);
        assertThat(cookie.attribute("Max-Age")).isEqualTo("1209600");
      }
      assertThat(browser.get("/get?key=k").body()).isEqualTo("v");
    }
  }

  @Test
  void everyChangeGetsANewCookieThatReadsBackAndReadsSetNoCookie() {
    Browser browser = new Browser(server());
    Set<String> cookies = new HashSet<>();

    for (int i = 1; i <= 10; i++) {
      HttpResponse<String> write = browser.get("/put?key=k&value=" + i);
      assertThat(SetCookie.all(write.headers())).singleElement();
      cookies.add(browser.cookie("sessionid"));
      HttpResponse<String> read = browser.get("/get?key=k");
      assertThat(read.body()).isEqualTo(String.valueOf(i));
      assertThat(SetCookie.all(read.headers())).isEmpty();
    }

    assertThat(cookies).hasSize(10);
  }

  @Test
  void longCookieValueGoesThroughTheServletContainerBothWays() {
    Browser browser = new Browser(server());
    String value = randomDigits(2_500);

    browser.get("/put?key=k&value=" + value);

    assertThat(browser.cookie("sessionid")).hasSizeGreaterThan(1_000).matches(COOKIE_VALUE);
    assertThat(browser.get("/get?key=k").body()).isEqualTo(value);
  }

  @Test
  void tamperedCookieGivesAnEmptySession() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=v");
    String cookie = browser.cookie("sessionid");
    int middle = cookie.length() / 2;
    String tampered =
        cookie.substring(0, middle)
            + (cookie.charAt(middle) == 'A' ? 'B' : 'A')
            + cookie.substring(middle + 1);

    String response =
        Browser.rawGet(
            server(), "/get?key=k", ("sessionid=" + tampered).getBytes(StandardCharsets.US_ASCII));

    assertThat(response).startsWith("HTTP/1.1 200").endsWith("null");
    assertThat(response).containsPattern("Set-Cookie: sessionid=;.*Max-Age=0");
  }

  @Test
  void sessionDeleteRemovesTheCookieAsInDjangosSignedCookies() {
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=v");

    HttpResponse<String> response = browser.get("/delete");

    assertThat(response.body()).isEqualTo("deleted");
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.attribute("Max-Age")).isEqualTo("0"));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("null");
  }

  @Test
  void cookieSignedWithAnotherSecretDoesNotHideTheLiveOneSentAfterIt() {
    String foreign;
    try (TestServer sibling =
        startVariant(
            Map.of("sessionkit.cookie-store.secret", "a-sibling-domain-secret-0123456789abcdef"))) {
      Browser siblingBrowser = new Browser(sibling);
      siblingBrowser.get("/put?key=k&value=sibling");
      foreign = siblingBrowser.cookie("sessionid");
    }
    Browser browser = new Browser(server());
    browser.get("/put?key=k&value=live");
    String live = browser.cookie("sessionid");

    String response =
        Browser.rawGet(
            server(),
            "/get?key=k",
            ("sessionid=" + foreign + "; sessionid=" + live).getBytes(StandardCharsets.US_ASCII));

    assertThat(response).startsWith("HTTP/1.1 200").endsWith("live");
  }

  private static String randomDigits(int length) {
    StringBuilder digits = new StringBuilder(length);
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < length; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }
}
