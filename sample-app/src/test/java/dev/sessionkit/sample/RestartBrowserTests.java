package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

/**
 * A logged-in visitor's cart across a restart of the application (on the same port, since the
 * browser keeps cookies per host): kept by the database and file backends, lost by the in-process
 * cache, which shows that the restart is real. The visitor logs in without remember-me, whose
 * cookie would log them in again after any restart.
 */
class RestartBrowserTests {

  static Chromium browser;

  Path dataDirectory;

  RunningShop shop;

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

  @BeforeEach
  void prepare() throws IOException {
    browser.reset();
    dataDirectory = Files.createTempDirectory("sessionkit-sample-restart-");
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (shop != null) {
      shop.close();
    }
    FileSystemUtils.deleteRecursively(dataDirectory);
  }

  @ParameterizedTest(name = "backend profile {0}: cart kept = {1}")
  @CsvSource({RunningShop.DEFAULT + ", true", "file, true", "cache, false"})
  void restartKeepsALoggedInVisitorsCartWhenTheBackendIsDurable(String profile, boolean durable)
      throws IOException {
    shop = RunningShop.start(profile, 0, dataDirectory);
    int port = shop.port();
    browser.open(shop.url("/login"));
    browser.type("username", "alice");
    browser.type("password", "wonderland");
    browser.clickAndWait("login-button");
    browser.open(shop.url("/"));
    browser.clickAndWait("add-tote");
    assertThat(browser.has("cart-row-tote")).isTrue();
    String sessionKey = (String) browser.cookie("sessionid").orElseThrow().get("value");
    assertThat(shop.store().exists(sessionKey))
        .as("the browser's session is stored in " + shop.store() + " before the restart")
        .isTrue();

    shop.close();
    shop = RunningShop.start(profile, port, dataDirectory);
    browser.reload();

    assertThat(browser.has("cart-row-tote")).isEqualTo(durable);
    assertThat(browser.has("current-user")).isEqualTo(durable);
    assertThat(browser.cookie("JSESSIONID")).isEmpty();
  }
}
