package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.PrincipalSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.util.FileSystemUtils;

/**
 * "Sign out other devices" across two real browsers: two headless Chromium instances, each with a
 * profile of its own, log in as the same demo user on the default backend, both with "Remember me"
 * ticked. The first sees both sessions on "Your devices" and signs the other out; the second is
 * logged out at its next request and stays out, although it held a remember-me cookie, while the
 * first one's remember-me cookie still logs it in. Neither browser ever holds a {@code JSESSIONID}
 * (read through Chrome DevTools after every step).
 */
class DevicesBrowserTests {

  static Chromium laptop;
  static Chromium phone;
  static RunningShop shop;
  static Path dataDirectory;

  @BeforeAll
  static void start() throws IOException {
    laptop = Chromium.start();
    phone = Chromium.start();
    dataDirectory = Files.createTempDirectory("sessionkit-sample-devices-");
    shop = RunningShop.start(RunningShop.DEFAULT, 0, dataDirectory);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (shop != null) {
        shop.close();
      }
      if (phone != null) {
        phone.close();
      }
      if (laptop != null) {
        laptop.close();
      }
    } finally {
      if (dataDirectory != null) {
        FileSystemUtils.deleteRecursively(dataDirectory);
      }
    }
  }

  @AfterEach
  void neitherBrowserEverHadAContainerSession() {
    assertNoContainerSession();
  }

  @Test
  void signOutOtherDevicesFromOneBrowserLogsTheOtherOutAtItsNextRequest() {
    assertThat(laptop.profile()).isNotEqualTo(phone.profile());

    logIn(laptop);
    logIn(phone);
    String laptopKey = sessionKey(laptop);
    String phoneKey = sessionKey(phone);
    assertThat(laptopKey).isNotEqualTo(phoneKey);
    assertNoContainerSession();

    // The first browser sees both devices, itself marked.
    laptop.clickAndWait("devices-link");
    assertThat(laptop.driver().getCurrentUrl()).endsWith("/account/devices");
    assertThat(deviceRows(laptop))
        .extracting(row -> row.getAttribute("id"))
        .containsExactlyInAnyOrder(deviceRowId(laptopKey), deviceRowId(phoneKey));
    assertThat(laptop.driver().findElements(By.className("this-device"))).hasSize(1);
    assertThat(laptop.byId(deviceRowId(laptopKey)).getText()).contains("this device");
    assertNoContainerSession();

    // It signs the other one out.
    laptop.clickAndWait("sign-out-others");
    assertThat(laptop.driver().getCurrentUrl()).endsWith("/account/devices");
    assertThat(laptop.byId("flash-message").getText()).isEqualTo("Signed out 1 other device.");
    assertThat(deviceRows(laptop))
        .extracting(row -> row.getAttribute("id"))
        .containsExactly(deviceRowId(laptopKey));
    assertThat(shop.store().exists(phoneKey)).isFalse();
    assertNoContainerSession();

    // The second browser's next request finds no login, and its remember-me cookie no longer logs
    // it in: Spring Security deletes that cookie and sends the browser to the login.
    phone.open(shop.url("/account"));
    assertThat(phone.driver().getCurrentUrl()).endsWith("/login");
    assertThat(phone.has("login-form")).isTrue();
    assertThat(phone.has("current-user")).isFalse();
    assertThat(phone.cookie("remember-me")).isEmpty();
    phone.open(shop.url("/account"));
    assertThat(phone.driver().getCurrentUrl()).endsWith("/login");

    // The first browser is still logged in, under the same key, and its remember-me cookie still
    // logs it in without its session (as after the browser was closed).
    laptop.open(shop.url("/account"));
    assertThat(laptop.byId("account-username").getText()).isEqualTo("alice");
    assertThat(sessionKey(laptop)).isEqualTo(laptopKey);
    laptop.driver().manage().deleteCookieNamed("sessionid");
    laptop.open(shop.url("/account"));
    assertThat(laptop.byId("account-username").getText()).isEqualTo("alice");
    assertThat(sessionKey(laptop)).isNotEqualTo(laptopKey);
  }

  /** Logs {@code browser} in as alice with "Remember me" ticked. */
  private static void logIn(Chromium browser) {
    browser.open(shop.url("/account"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    browser.type("username", "alice");
    browser.type("password", "wonderland");
    browser.byId("remember-me").click();
    browser.clickAndWait("login-button");
    assertThat(browser.byId("account-username").getText()).isEqualTo("alice");
    assertThat(browser.cookie("remember-me")).isPresent();
  }

  private static List<WebElement> deviceRows(Chromium browser) {
    browser.byId("devices-table");
    return browser.driver().findElements(By.cssSelector("#devices-table tbody tr"));
  }

  private static String deviceRowId(String sessionKey) {
    return "device-" + PrincipalSession.idOf(sessionKey);
  }

  private static String sessionKey(Chromium browser) {
    return (String) browser.cookie("sessionid").orElseThrow().get("value");
  }

  private static void assertNoContainerSession() {
    for (Chromium browser : List.of(laptop, phone)) {
      assertThat(browser.cookies())
          .as("cookies after " + browser.driver().getCurrentUrl())
          .extracting(cookie -> cookie.get("name"))
          .doesNotContain("JSESSIONID");
    }
  }
}
