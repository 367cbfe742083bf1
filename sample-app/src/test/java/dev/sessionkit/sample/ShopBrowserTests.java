package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;

/**
 * The shop in a real browser (headless Chromium), once per backend: the default db backend on an H2
 * file, then the {@code file} and {@code cache} profiles. Cookies are read through Chrome DevTools,
 * as the browser stores them; after every test the browser holds no {@code JSESSIONID}.
 */
@ParameterizedClass(name = "backend profile {0}")
@ValueSource(strings = {RunningShop.DEFAULT, "file", "cache"})
class ShopBrowserTests {

  static Chromium browser;
  static RunningShop shop;
  static Path dataDirectory;

  @Parameter String profile;

  @BeforeAll
  static void startBrowser() {
    browser = Chromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeParameterizedClassInvocation
  static void startShop(String profile) throws IOException {
    dataDirectory = Files.createTempDirectory("sessionkit-sample-" + profile + "-");
    shop = RunningShop.start(profile, 0, dataDirectory);
  }

  @AfterParameterizedClassInvocation
  static void stopShop() throws IOException {
    if (shop != null) {
      shop.close();
    }
    FileSystemUtils.deleteRecursively(dataDirectory);
  }

  @BeforeEach
  void forgetCookies() {
    browser.reset();
  }

  @AfterEach
  void noContainerSessionWasEverCreated() {
    assertThat(browser.cookie("JSESSIONID")).isEmpty();
  }

  @Test
  void cartSurvivesPageReloads() {
    addToCart("mug");
    addToCart("stickers");
    addToCart("stickers");

    browser.reload();
    browser.reload();

    assertThat(browser.byId("cart-count").getText()).isEqualTo("3");
    assertThat(browser.byId("quantity-stickers").getDomProperty("value")).isEqualTo("2");
    assertThat(browser.has("cart-row-mug")).isTrue();
  }

  @Test
  void changingAndRemovingItemsShowsInTheCart() {
    addToCart("mug");
    addToCart("tote");

    browser.type("quantity-mug", "4");
    browser.clickAndWait("update-mug");
    browser.clickAndWait("remove-tote");

    assertThat(browser.byId("cart-total").getText()).isEqualTo("€48.00");
    assertThat(browser.has("cart-row-tote")).isFalse();
  }

  @Test
  void loginKeepsTheCartAndChangesTheSessionCookie() {
    addToCart("hoodie");
    String keyBefore = sessionCookieValue();

    logIn("alice", "wonderland", false);

    String keyAfter = sessionCookieValue();
    assertThat(keyAfter).isNotEqualTo(keyBefore);
    assertThat(browser.byId("current-user").getText()).isEqualTo("Alice");
    browser.open(shop.url("/cart"));
    assertThat(browser.has("cart-row-hoodie")).isTrue();
    browser.open(shop.url("/session"));
    assertThat(browser.byId("session-key").getText()).isEqualTo(keyAfter.substring(0, 6) + "…");
  }

  @Test
  void logoutEmptiesTheCartAndRemovesTheCookie() {
    logIn("bob", "builder", true);
    addToCart("mug");

    browser.clickAndWait("logout-button");

    assertThat(browser.has("logged-out")).isTrue();
    assertThat(browser.cookie("sessionid")).isEmpty();
    browser.open(shop.url("/cart"));
    assertThat(browser.has("cart-empty")).isTrue();
    assertThat(browser.has("current-user")).isFalse();
  }

  @Test
  void sessionCookieIsHttpOnlyAndInvisibleToScripts() {
    addToCart("mug");

    assertThat(browser.cookie("sessionid"))
        .hasValueSatisfying(
            cookie -> {
              assertThat(cookie).containsEntry("httpOnly", true).containsEntry("sameSite", "Lax");
            });
    assertThat((String) browser.script("return document.cookie")).doesNotContain("sessionid");
  }

  @Test
  void rememberMeLoginGetsARememberMeCookieLastingTheMaximumAge() {
    logIn("alice", "wonderland", true);

    Map<String, Object> cookie = browser.cookie("remember-me").orElseThrow();
    assertThat(cookie).containsEntry("httpOnly", true);
    assertThat(cookie).containsEntry("session", false);
    double expires = ((Number) cookie.get("expires")).doubleValue();
    double expected = Instant.now().plus(Duration.ofDays(14)).getEpochSecond();
    assertThat(expires).isCloseTo(expected, within(120.0));
  }

  @Test
  void loginWithoutRememberMeGetsNoRememberMeCookie() {
    logIn("alice", "wonderland", false);

    assertThat(browser.has("current-user")).isTrue();
    assertThat(browser.cookie("remember-me")).isEmpty();
  }

  @Test
  void forgedFormIsRejected() {
    browser.open(shop.url("/"));
    browser.script(
        "document.querySelectorAll('input[name=_csrf]')"
            + ".forEach(field => field.value = 'forged')");

    browser.clickAndWait("add-mug");

    assertThat(browser.has("csrf-failure")).isTrue();
    browser.open(shop.url("/cart"));
    assertThat(browser.has("cart-empty")).isTrue();
  }

  private void addToCart(String sku) {
    browser.open(shop.url("/"));
    browser.clickAndWait("add-" + sku);
  }

  private void logIn(String username, String password, boolean rememberMe) {
    browser.open(shop.url("/login"));
    browser.type("username", username);
    browser.type("password", password);
    if (rememberMe) {
      browser.byId("remember-me").click();
    }
    browser.clickAndWait("login-button");
  }

  private String sessionCookieValue() {
    return (String) browser.cookie("sessionid").orElseThrow().get("value");
  }
}
