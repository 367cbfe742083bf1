package dev.sessionkit.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its ChromeDriver, both at fixed paths so that Selenium
 * Manager never downloads anything. One instance per test class; {@link #reset()} forgets every
 * cookie between tests. Each instance has a profile (user data directory) of its own, so two
 * instances are two browsers that share nothing, as two devices would.
 *
 * <p>When {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing, {@link #start()}
 * skips the test class with the reason printed, or fails it when the system property {@code
 * sessionkit.require-services} is {@code true} (CI).
 */
final class Chromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser, or skips (fails, when services are required) if none is installed. */
  static Chromium start() {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      RequiredServices.missing(
          "Browser tests need "
              + BROWSER
              + " and "
              + DRIVER
              + " (apt-get install chromium chromium-driver)");
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
    Path profile;
    try {
      profile = Files.createTempDirectory("sessionkit-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    System.out.println(
        "Browser tests run in Chromium " + driver.getCapabilities().getBrowserVersion());
    return new Chromium(driver, profile);
  }

  /** This browser's user data directory, deleted when it closes. */
  Path profile() {
    return profile;
  }

  /** The driver, for anything this class does not offer. */
  WebDriver driver() {
    return driver;
  }

  /** Forgets every cookie of every site. */
  void reset() {
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /** Opens {@code url} and waits for the page to load. */
  void open(String url) {
    driver.get(url);
  }

  /** Reloads the page and waits for it. */
  void reload() {
    WebElement html = driver.findElement(By.tagName("html"));
    driver.navigate().refresh();
    waitForNextPage(html);
  }

  /** The element with this id, once it is present; the failure shows the page otherwise. */
  WebElement byId(String id) {
    try {
      return new WebDriverWait(driver, WAIT)
          .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "No element #" + id + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(),
          e);
    }
  }

  /** Whether the page has an element with this id. */
  boolean has(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  /** Types {@code text} into the field with this id, replacing what was there. */
  void type(String id, String text) {
    WebElement field = byId(id);
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks the element with this id and waits for the page it leads to. */
  void clickAndWait(String id) {
    WebElement html = driver.findElement(By.tagName("html"));
    byId(id).click();
    waitForNextPage(html);
  }

  /** Runs a script in the page and returns its result. */
  Object script(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /**
   * Every cookie the browser holds, as Chrome DevTools reports them ({@code Storage.getCookies}):
   * maps with {@code name}, {@code value}, {@code expires} (seconds since the epoch, -1 for a
   * browser-session cookie), {@code session}, {@code httpOnly}, {@code sameSite}...
   */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> cookies() {
    Map<String, Object> result = driver.executeCdpCommand("Storage.getCookies", Map.of());
    return (List<Map<String, Object>>) result.get("cookies");
  }

  /** The cookie named {@code name}, as DevTools reports it, if the browser holds one. */
  Optional<Map<String, Object>> cookie(String name) {
    return cookies().stream().filter(cookie -> name.equals(cookie.get("name"))).findFirst();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile);
    }
  }

  /**
   * Waits until {@code html}, the root of the page shown before, is gone and the next page has
   * loaded. While Chrome swaps documents, asking about the old root may fail with other errors than
   * a stale element ("Node with given id does not belong to the document"); those mean "not yet",
   * and the wait asks again.
   */
  private void waitForNextPage(WebElement html) {
    new WebDriverWait(driver, WAIT)
        .ignoring(WebDriverException.class)
        .until(
            d -> {
              try {
                html.isEnabled();
                return false;
              } catch (StaleElementReferenceException gone) {
                return true;
              }
            });
    new WebDriverWait(driver, WAIT)
        .ignoring(WebDriverException.class)
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
