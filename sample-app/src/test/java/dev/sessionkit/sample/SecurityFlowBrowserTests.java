package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.util.FileSystemUtils;

/**
 * Spring Security's whole flow in headless Chromium, on the default backend: an anonymous page, a
 * protected page (which saves the request), the login, the redirect back to the saved page, a
 * CSRF-protected form with a flash message after its redirect, and the logout. After every step the
 * cookies the browser holds, read through Chrome DevTools, contain no {@code JSESSIONID}; the
 * sample runs with {@code sessionkit.container-session=fail}, so a container session could not even
 * be created on the server. The session cookie's value changes at login.
 */
class SecurityFlowBrowserTests {

  static Chromium browser;
  static RunningShop shop;
  static Path dataDirectory;

  @BeforeAll
  static void start() throws IOException {
    browser = Chromium.start();
    dataDirectory = Files.createTempDirectory("sessionkit-sample-security-");
    shop = RunningShop.start(RunningShop.DEFAULT, 0, dataDirectory);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (shop != null) {
        shop.close();
      }
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (dataDirectory != null) {
        FileSystemUtils.deleteRecursively(dataDirectory);
      }
    }
  }

  @Test
  void anonymousProtectedLoginRedirectBackFlashAndLogoutNeverCreateAContainerSession() {
    browser.reset();

    // 1. An anonymous page.
    browser.open(shop.url("/"));
    assertThat(browser.has("login-link")).isTrue();
    assertNoContainerSession();

    // 2. A protected page: Spring Security saves the request (in the sessionkit session) and
    // sends the visitor to the login form.
    browser.open(shop.url("/account"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    assertNoContainerSession();
    String keyBeforeLogin = sessionKey();
    assertThat(shop.store().open(keyBeforeLogin).keySet()).contains("_saved_request");

    // 3. Login.
    browser.type("username", "alice");
    browser.type("password", "wonderland");
    browser.clickAndWait("login-button");
    assertNoContainerSession();

    // 4. Back on the saved page, under a new session key.
    assertThat(browser.driver().getCurrentUrl()).endsWith("/account?continue");
    assertThat(browser.byId("account-username").getText()).isEqualTo("alice");
    String keyAfterLogin = sessionKey();
    assertThat(keyAfterLogin).isNotEqualTo(keyBeforeLogin);
    assertThat(shop.store().exists(keyBeforeLogin)).isFalse();
    assertThat(shop.store().open(keyAfterLogin).keySet())
        .contains("_security_context")
        .doesNotContain("_saved_request");

    // 5. A CSRF-protected form; its redirect shows a flash message, once.
    browser.open(shop.url("/"));
    assertThat(browser.driver().findElements(By.name("_csrf")))
        .as("Spring Security's token field in every form")
        .isNotEmpty();
    browser.clickAndWait("add-mug");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/cart");
    assertThat(browser.byId("flash-message").getText()).isEqualTo("Added Session Mug.");
    assertThat(browser.has("cart-row-mug")).isTrue();
    assertNoContainerSession();
    browser.reload();
    assertThat(browser.has("flash-message")).isFalse();
    assertThat(browser.cookie("sessionid_flash")).isEmpty();
    assertThat(sessionKey()).isEqualTo(keyAfterLogin);

    // 6. Logout ends the session and removes its cookie.
    browser.clickAndWait("logout-button");
    assertThat(browser.has("logged-out")).isTrue();
    assertThat(browser.cookie("sessionid")).isEmpty();
    assertThat(shop.store().exists(keyAfterLogin)).isFalse();
    assertNoContainerSession();
  }

  private void assertNoContainerSession() {
    assertThat(browser.cookies())
        .as("cookies after " + browser.driver().getCurrentUrl())
        .extracting(cookie -> cookie.get("name"))
        .doesNotContain("JSESSIONID");
  }

  private String sessionKey() {
    Map<String, Object> cookie = browser.cookie("sessionid").orElseThrow();
    return (String) cookie.get("value");
  }
}
