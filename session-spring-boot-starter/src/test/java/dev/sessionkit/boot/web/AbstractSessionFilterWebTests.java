package dev.sessionkit.boot.web;

import static java.net.http.HttpResponse.BodyHandlers.ofString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.CartService;
import dev.sessionkit.boot.testing.Gate;
import dev.sessionkit.boot.testing.Gates;
import dev.sessionkit.boot.testing.GlobalExceptionAdvice;
import dev.sessionkit.boot.testing.SessionEventRecorder;
import dev.sessionkit.boot.testing.SessionTestController;
import dev.sessionkit.boot.testing.SetCookie;
import dev.sessionkit.boot.testing.TestServer;
import dev.sessionkit.boot.testing.WebTestApplication;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.RecordingListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The session filter on a real embedded Tomcat, seen through a real HTTP client that keeps cookies:
 * Django's middleware rules, for one backend per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSessionFilterWebTests {

  private static final String KEY_PATTERN = "[a-z0-9]{32}";

  private TestServer server;

  /** The {@code sessionkit.*} (and other) properties that select this backend. */
  abstract Map<String, Object> backendProperties();

  /** The backend name the starter should report. */
  abstract String backendName();

  /** The application to run; it must import {@link WebTestApplication}. */
  Class<?> application() {
    return WebTestApplication.class;
  }

  /** Returns when the servers the backend needs are up; otherwise skips or fails the class. */
  void requireServices() {}

  @BeforeAll
  void startServer() {
    requireServices();
    server = TestServer.start(application(), backendProperties());
  }

  /** The server of the whole class; null when {@link #requireServices()} skipped it. */
  TestServer server() {
    return server;
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  TestServer startVariant(Map<String, Object> extraProperties) {
    Map<String, Object> properties = new HashMap<>(backendProperties());
    properties.putAll(extraProperties);
    return TestServer.start(application(), properties);
  }

  // ---- the backend ---------------------------------------------------------------------------

  @Test
  void starterUsesTheConfiguredBackend() {
    assertThat(server.bean(StorageSessionStore.class).backend()).isEqualTo(backendName());
  }

  @Test
  void healthIndicatorReportsBackendUp() {
    HealthIndicator health =
        server.context().getBean("sessionkitHealthIndicator", HealthIndicator.class);
    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
    assertThat(health.health(true).getDetails()).containsEntry("backend", backendName());
  }

  // ---- untouched, read, write ----------------------------------------------------------------

  @Test
  void untouchedRequestGetsNoCookieAndCostsTheBackendNothing() {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=v");
    long loads = loads();

    HttpResponse<String> response = browser.get("/untouched");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("set-cookie")).isEmpty();
    assertThat(response.headers().allValues("vary")).noneMatch(v -> v.contains("Cookie"));
    assertThat(loads()).isEqualTo(loads);
  }

  @Test
  void untouchedRequestWithoutCookieGetsNoCookie() {
    HttpResponse<String> response = new Browser(server).get("/untouched");

    assertThat(response.headers().allValues("set-cookie")).isEmpty();
  }

  @Test
  void writeSetsCookieWithEveryAttribute() {
    HttpResponse<String> response = new Browser(server).get("/put?key=k&value=v");
    Instant now = Instant.now();

    assertThat(response.statusCode()).isEqualTo(200);
    List<SetCookie> cookies = SetCookie.all(response.headers());
    assertThat(cookies).hasSize(1);
    SetCookie cookie = cookies.get(0);
    assertThat(cookie.name()).isEqualTo("sessionid");
    assertThat(cookie.value()).matches(KEY_PATTERN);
    assertThat(cookie.attribute("Path")).isEqualTo("/");
    assertThat(cookie.attribute("Max-Age")).isEqualTo("1209600");
    assertThat(expires(cookie))
        .isCloseTo(now.plusSeconds(1_209_600), within(60, java.time.temporal.ChronoUnit.SECONDS));
    assertThat(cookie.has("HttpOnly")).isTrue();
    assertThat(cookie.attribute("SameSite")).isEqualTo("Lax");
    assertThat(cookie.has("Secure")).isFalse();
    assertThat(cookie.has("Domain")).isFalse();
    assertThat(response.headers().allValues("vary")).anyMatch(v -> v.contains("Cookie"));
    assertThat(server.bean(SessionStore.class).exists(cookie.value())).isTrue();
  }

  @Test
  void cookieAttributesFollowTheProperties() {
    try (TestServer variant =
        startVariant(
            Map.of(
                "sessionkit.cookie.name", "sid",
                "sessionkit.cookie.domain", "example.test",
                "sessionkit.cookie.path", "/app",
                "sessionkit.cookie.secure", "true",
                "sessionkit.cookie.http-only", "false",
                "sessionkit.cookie.same-site", "strict",
                "sessionkit.max-age", "1h"))) {
      HttpResponse<String> response = new Browser(variant).get("/put?key=k&value=v");

      SetCookie cookie = SetCookie.all(response.headers()).get(0);
      assertThat(cookie.name()).isEqualTo("sid");
      assertThat(cookie.attribute("Domain")).isEqualTo("example.test");
      assertThat(cookie.attribute("Path")).isEqualTo("/app");
      assertThat(cookie.has("Secure")).isTrue();
      assertThat(cookie.has("HttpOnly")).isFalse();
      assertThat(cookie.attribute("SameSite")).isEqualTo("Strict");
      assertThat(cookie.attribute("Max-Age")).isEqualTo("3600");
    }
  }

  @Test
  void readAddsVaryCookieButNoCookie() {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=v");

    HttpResponse<String> response = browser.get("/get?key=k");

    assertThat(response.body()).isEqualTo("v");
    assertThat(response.headers().allValues("vary")).anyMatch(v -> v.contains("Cookie"));
    assertThat(response.headers().allValues("set-cookie")).isEmpty();
  }

  @Test
  void sessionSurvivesBetweenRequests() {
    Browser browser = new Browser(server);
    browser.get("/put?key=a&value=1");
    browser.get("/put?key=b&value=2");

    assertThat(browser.get("/get?key=a").body()).isEqualTo("1");
    assertThat(browser.get("/get?key=b").body()).isEqualTo("2");
  }

  // ---- logout --------------------------------------------------------------------------------

  @Test
  void flushDeletesTheCookieAndTheRecord() {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=v");
    String key = browser.cookie("sessionid");

    HttpResponse<String> response = browser.get("/flush");

    SetCookie cookie = SetCookie.all(response.headers()).get(0);
    assertThat(cookie.name()).isEqualTo("sessionid");
    assertThat(cookie.value()).isEmpty();
    assertThat(cookie.attribute("Max-Age")).isEqualTo("0");
    assertThat(cookie.attribute("Path")).isEqualTo("/");
    assertThat(response.headers().allValues("vary")).anyMatch(v -> v.contains("Cookie"));
    assertThat(server.bean(SessionStore.class).exists(key)).isFalse();
    assertThat(browser.cookie("sessionid")).isNull();
    assertThat(browser.get("/get?key=k").body()).isEqualTo("null");
  }

  // ---- failures ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/status-500", "/throw"})
  void status500OrAnExceptionFromTheHandlerDoesNotSave(String failingPath) {
    Browser browser = new Browser(server);
    HttpResponse<String> fresh = browser.get(failingPath);
    assertThat(fresh.statusCode()).isEqualTo(500);
    assertThat(fresh.headers().allValues("set-cookie")).isEmpty();

    browser.get("/put?key=k&value=kept");
    HttpResponse<String> existing = browser.get(failingPath);

    assertThat(existing.statusCode()).isEqualTo(500);
    assertThat(existing.headers().allValues("set-cookie")).isEmpty();
    assertThat(browser.get("/get?key=k").body()).isEqualTo("kept");
  }

  @Test
  void sendErrorBelow500StillSavesAndSetsTheCookie() {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/send-error");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.value()).matches(KEY_PATTERN));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("before sendError");
  }

  // ---- settings ------------------------------------------------------------------------------

  @Test
  void saveEveryRequestRefreshesTheCookie() {
    try (TestServer variant = startVariant(Map.of("sessionkit.save-every-request", "true"))) {
      Browser browser = new Browser(variant);
      HttpResponse<String> write = browser.get("/put?key=k&value=v");
      String key = SetCookie.all(write.headers()).get(0).value();

      HttpResponse<String> untouched = browser.get("/untouched");
      HttpResponse<String> read = browser.get("/get?key=k");

      for (HttpResponse<String> response : List.of(untouched, read)) {
        SetCookie cookie = SetCookie.all(response.headers()).get(0);
        assertThat(cookie.value()).isEqualTo(key);
        assertThat(cookie.attribute("Max-Age")).isEqualTo("1209600");
      }
      assertThat(read.body()).isEqualTo("v");
    }
  }

  @Test
  void saveEveryRequestSetsNoCookieForAnEmptySession() {
    try (TestServer variant = startVariant(Map.of("sessionkit.save-every-request", "true"))) {
      HttpResponse<String> response = new Browser(variant).get("/untouched");

      assertThat(response.headers().allValues("set-cookie")).isEmpty();
    }
  }

  /**
   * With {@code save-every-request}, anonymous traffic (no cookie) and stale or forged cookies
   * (well-formed keys without a record) neither write to the backend nor get a session cookie; a
   * stale cookie is deleted, as Django does. 2,000 requests over one keep-alive client.
   */
  @Test
  void saveEveryRequestCreatesNoRecordForRequestsWithoutACookieOrWithAnUnknownOne()
      throws Exception {
    int requestsEach = 1_000;
    try (TestServer variant = startVariant(Map.of("sessionkit.save-every-request", "true"))) {
      RecordingListener backend = new RecordingListener();
      StorageSessionStore store = variant.bean(StorageSessionStore.class);
      store.addListener(backend);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<String> problems = new ArrayList<>();
      String lastUnknownKey = "";

      for (int i = 0; i < requestsEach; i++) {
        HttpResponse<String> response = client.send(anonymous(variant, i, null), ofString());
        if (response.statusCode() != 200 || !SetCookie.all(response.headers()).isEmpty()) {
          problems.add("without a cookie: " + response.statusCode() + " " + response.headers());
        }
      }
      for (int i = 0; i < requestsEach; i++) {
        lastUnknownKey = randomKey();
        HttpResponse<String> response =
            client.send(anonymous(variant, i, lastUnknownKey), ofString());
        List<SetCookie> cookies = SetCookie.all(response.headers());
        if (response.statusCode() != 200
            || cookies.size() != 1
            || !cookies.get(0).value().isEmpty()
            || !"0".equals(cookies.get(0).attribute("Max-Age"))) {
          problems.add("with an unknown cookie: " + response.statusCode() + " " + cookies);
        }
      }

      assertThat(problems).isEmpty();
      assertThat(backend.creates()).as("records created").isZero();
      assertThat(backend.saves()).as("records saved").isZero();
      assertThat(backend.loadsFound()).isZero();
      assertThat(store.exists(lastUnknownKey)).isFalse();
    }
  }

  @Test
  void sessionEndingWithTheBrowserHasNoMaxAgeOrExpires() {
    HttpResponse<String> response = new Browser(server).get("/browser-close");

    SetCookie cookie = SetCookie.all(response.headers()).get(0);
    assertThat(cookie.value()).matches(KEY_PATTERN);
    assertThat(cookie.has("Max-Age")).isFalse();
    assertThat(cookie.has("Expires")).isFalse();
  }

  @Test
  void expireAtBrowserClosePropertyDropsMaxAgeAndExpires() {
    try (TestServer variant = startVariant(Map.of("sessionkit.expire-at-browser-close", "true"))) {
      HttpResponse<String> response = new Browser(variant).get("/put?key=k&value=v");

      SetCookie cookie = SetCookie.all(response.headers()).get(0);
      assertThat(cookie.value()).matches(KEY_PATTERN);
      assertThat(cookie.has("Max-Age")).isFalse();
      assertThat(cookie.has("Expires")).isFalse();
    }
  }

  @Test
  void expiryInThePastWritesMaxAgeZero() {
    HttpResponse<String> response = new Browser(server).get("/expired");

    SetCookie cookie = SetCookie.all(response.headers()).get(0);
    assertThat(cookie.value()).matches(KEY_PATTERN);
    assertThat(cookie.attribute("Max-Age")).isEqualTo("0");
  }

  @Test
  void servletAsyncTimeoutListenerThatCompletesThroughItsEventSavesAndSetsTheCookie() {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/servlet-async-timeout-put?value=late");

    assertThat(response.body()).isEqualTo("timed out");
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.name()).isEqualTo("sessionid"));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("late");
  }

  @Test
  void sessionSetNeverToExpireGetsACookieUntilTheLatestExpiryAndReadsBack() {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/never-expiring");

    assertThat(response.statusCode()).isEqualTo(200);
    SetCookie cookie = SetCookie.all(response.headers()).get(0);
    assertThat(cookie.name()).isEqualTo("sessionid");
    assertThat(cookie.attribute("Expires")).contains("Dec 9999");
    assertThat(browser.get("/get?key=k").body()).isEqualTo("kept");
  }

  // ---- responses that commit early -----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/stream", "/stream-writer", "/large-body"})
  void largeResponseStillCarriesTheCookie(String path) {
    Browser browser = new Browser(server);

    HttpResponse<byte[]> response = browser.getBytes(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().length).isEqualTo(SessionTestController.LARGE);
    assertThat(response.headers().allValues("set-cookie"))
        .singleElement()
        .satisfies(header -> assertThat(SetCookie.parse(header).value()).matches(KEY_PATTERN));
    assertThat(browser.get("/get?key=k").body()).isNotEqualTo("null");
  }

  @Test
  void redirectStillCarriesTheCookie() {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/redirect");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/get?key=k"));
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.value()).matches(KEY_PATTERN));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("before redirect");
  }

  @Test
  void asynchronousHandlerSavesWhenItCompletes() {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/async-put?value=later");

    assertThat(response.body()).isEqualTo("stored later");
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.value()).matches(KEY_PATTERN));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("later");
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void servletAsyncHandlerThatCompletesItselfSavesAndSetsTheCookie(String large) {
    Browser browser = new Browser(server);

    HttpResponse<String> response = browser.get("/servlet-async-put?value=later&large=" + large);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SetCookie.all(response.headers()))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie.name()).isEqualTo("sessionid"));
    assertThat(browser.get("/get?key=k").body()).isEqualTo("later");
  }

  // ---- concurrency ---------------------------------------------------------------------------

  @Test
  void concurrentLogoutMakesTheOtherRequestAnswer400() throws Exception {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=before");
    String key = browser.cookie("sessionid");
    Gate gate = server.bean(Gates.class).arm();

    CompletableFuture<HttpResponse<String>> slow = browser.getAsync("/gated-put?value=after");
    gate.awaitArrival();
    HttpResponse<String> logout = browser.get("/flush");
    gate.open();
    HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);

    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("ended by another request");
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(SetCookie.all(response.headers())).noneMatch(cookie -> !cookie.value().isEmpty());
    assertThat(server.bean(SessionStore.class).exists(key)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/gated-large-body", "/gated-flush"})
  void concurrentLogoutAnswers400EvenWithAGlobalExceptionHandler(String path) throws Exception {
    try (TestServer variant = startVariant(Map.of(GlobalExceptionAdvice.PROPERTY, "true"))) {
      assertThat(new Browser(variant).get("/throw").body())
          .as("the application's @ExceptionHandler(Exception.class) is active")
          .startsWith(GlobalExceptionAdvice.BODY);
      Browser browser = new Browser(variant);
      browser.get("/put?key=k&value=before");
      String key = browser.cookie("sessionid");
      Gate gate = variant.bean(Gates.class).arm();

      CompletableFuture<HttpResponse<String>> slow = browser.getAsync(path);
      gate.awaitArrival();
      HttpResponse<String> logout = browser.get("/flush");
      gate.open();
      HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);

      assertThat(logout.statusCode()).isEqualTo(200);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo(SessionFilter.INTERRUPTED_MESSAGE);
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(SetCookie.all(response.headers())).noneMatch(cookie -> !cookie.value().isEmpty());
      assertThat(variant.bean(SessionStore.class).exists(key)).isFalse();
    }
  }

  /**
   * One visitor, one request after another writing the session, while other requests of the same
   * visitor read it: every read sees a session (never an empty one, never a deleted cookie), every
   * write keeps the key, and each write is visible to the visitor's very next request. 200
   * requests, on a fixed pool, within a deadline.
   */
  @Test
  void writesWithConcurrentReadsNeverLoseTheSession() throws Exception {
    int writes = 50;
    int readers = 4;
    int readsPerReader = 25;
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=0");
    String key = browser.cookie("sessionid");
    assertThat(key).matches(KEY_PATTERN);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> problems = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(1 + readers);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(
          pool.submit(
              () -> {
                for (int i = 1; i <= writes && System.nanoTime() < deadline; i++) {
                  HttpResponse<String> write = browser.get("/put?key=k&value=" + i);
                  List<String> keys =
                      SetCookie.all(write.headers()).stream().map(SetCookie::value).toList();
                  if (write.statusCode() != 200 || !keys.equals(List.of(key))) {
                    problems.add("write " + i + ": " + write.statusCode() + ", cookies " + keys);
                  }
                  String readBack = browser.get("/get?key=k").body();
                  if (!readBack.equals(String.valueOf(i))) {
                    problems.add("write " + i + " then read: " + readBack);
                  }
                }
              }));
      for (int r = 0; r < readers; r++) {
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < readsPerReader && System.nanoTime() < deadline; i++) {
                    HttpResponse<String> read = browser.get("/get?key=k");
                    List<SetCookie> cookies = SetCookie.all(read.headers());
                    if (read.statusCode() != 200
                        || read.body().equals("null")
                        || !cookies.isEmpty()) {
                      problems.add(
                          "read: "
                              + read.statusCode()
                              + " "
                              + read.body()
                              + ", cookies "
                              + cookies);
                    }
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    assertThat(System.nanoTime()).as("finished before the deadline").isLessThan(deadline);
    assertThat(browser.cookie("sessionid")).isEqualTo(key);
    assertThat(browser.get("/get?key=k").body()).isEqualTo(String.valueOf(writes));
  }

  /**
   * 16 clients of one visitor, in parallel, each adding one to a counter with {@code compute} over
   * several requests: every request succeeds, and on a backend whose capabilities say it compares
   * and sets, the counter is exact. A backend that cannot (a Spring cache over Redis) lets the
   * later of two concurrent saves win, so there the counter is only checked to be within bounds.
   */
  @Test
  void parallelComputeRequestsAllSucceedAndCountExactlyWhereTheBackendComparesAndSets()
      throws Exception {
    int clients = 16;
    int requestsEach = 10;
    Browser browser = new Browser(server);
    assertThat(browser.post("/compute").body()).isEqualTo("1");
    CountDownLatch start = new CountDownLatch(1);
    List<String> problems = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        tasks.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < requestsEach; i++) {
                    HttpResponse<String> response = browser.post("/compute");
                    if (response.statusCode() != 200) {
                      problems.add(response.statusCode() + ": " + response.body());
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    int expected = 1 + clients * requestsEach;
    int counted = Integer.parseInt(browser.get("/get?key=n").body());
    if (server.bean(StorageSessionStore.class).capabilities().compareAndSet()) {
      assertThat(counted).isEqualTo(expected);
    } else {
      assertThat(counted).isBetween(1, expected);
    }
  }

  // ---- events --------------------------------------------------------------------------------

  @Test
  void createdAndDeletedSessionsReachTheApplicationsEventListener() {
    SessionEventRecorder events = server.bean(SessionEventRecorder.class);
    Browser browser = new Browser(server);

    browser.get("/put?key=k&value=v");
    String key = browser.cookie("sessionid");
    browser.get("/flush");

    assertThat(events.created()).contains(key);
    assertThat(events.deleted()).contains(key);
    assertThat(events.events()).noneMatch(event -> event.toString().contains(key));
  }

  /**
   * The cleanup's removal of an expired record reaches the application's event listener; a backend
   * that expires records itself (a cache) removes nothing and announces nothing.
   */
  @Test
  void clearExpiredTellsTheApplicationsEventListenerOfEachRecordItRemoves() {
    StorageSessionStore store = server.bean(StorageSessionStore.class);
    SessionEventRecorder events = server.bean(SessionEventRecorder.class);
    HttpResponse<String> response = new Browser(server).get("/expired");
    String key = SetCookie.all(response.headers()).get(0).value();

    int removed = store.clearExpired();

    if (store.capabilities().expiresRecordsItself()) {
      assertThat(removed).isZero();
      assertThat(events.expired()).doesNotContain(key);
    } else {
      assertThat(removed).isPositive();
      assertThat(events.expired()).containsOnlyOnce(key);
    }
  }

  // ---- malformed cookies ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sessionid=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sessionid=abc",
        "sessionid=ABCDEFGHIJKLMNOPQRSTUVWXYZ123456",
        "sessionid=abcdefgh$%&/()=abcdefgh",
        "sessionid=\"ABCDEFGHIJKLMNOP\"",
        "sessionid=",
        "sessionid=../../../../etc/passwd"
      })
  void malformedCookieValueIsNoSession(String cookieHeader) {
    long loads = loads();

    String response =
        Browser.rawGet(server, "/get?key=k", cookieHeader.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).endsWith("null");
    assertThat(loads()).isEqualTo(loads);
  }

  @Test
  void nonAsciiCookieBytesAreNoSession() {
    byte[] header = {
      's',
      'e',
      's',
      's',
      'i',
      'o',
      'n',
      'i',
      'd',
      '=',
      (byte) 0xff,
      (byte) 0xfe,
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h'
    };

    String response = Browser.rawGet(server, "/get?key=k", header);

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).endsWith("null");
  }

  @Test
  void severalSessionCookiesUseTheFirstThatLoadsAndSendNoDeletion() {
    Browser browser = new Browser(server);
    browser.get("/put?key=k&value=secret");
    String key = browser.cookie("sessionid");
    String stale = "stalekey0123456789abcdefghijklmn";

    String response =
        Browser.rawGet(
            server,
            "/get?key=k",
            ("sessionid=" + stale + "; sessionid=" + key).getBytes(StandardCharsets.ISO_8859_1));

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).endsWith("secret");
    assertThat(response).doesNotContainIgnoringCase("Set-Cookie");
  }

  @Test
  void unknownButWellFormedKeyGetsAFreshKeyWhenSaved() {
    String unknown = "abcdefghijklmnopqrstuvwxyz012345";

    String response =
        Browser.rawGet(
            server,
            "/put?key=k&value=v",
            ("sessionid=" + unknown).getBytes(StandardCharsets.ISO_8859_1));

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).containsPattern("Set-Cookie: sessionid=" + KEY_PATTERN);
    assertThat(response).doesNotContain("sessionid=" + unknown);
  }

  // ---- injection -----------------------------------------------------------------------------

  @Test
  void sessionProxyInASingletonActsOnTheCurrentRequestsSession() {
    Browser browser = new Browser(server);
    Browser other = new Browser(server);

    browser.get("/proxy-put?item=apple");
    other.get("/proxy-put?item=pear");
    HttpResponse<String> response = browser.get("/proxy-put?item=plum");

    assertThat(response.body()).isEqualTo("[\"apple\",\"plum\"]");
    assertThat(browser.cookie("sessionid")).isNotEqualTo(other.cookie("sessionid"));
  }

  @Test
  void sessionProxyOutsideARequestFailsWithAClearMessage() {
    CartService cart = server.bean(CartService.class);

    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(() -> cart.add("apple"))
        .withMessageContaining("No current request");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private long loads() {
    return server.bean(MeterRegistry.class).find("sessionkit.session.load").timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  /** A GET without cookie handling: {@code /untouched} or a read, with {@code cookieKey} if any. */
  private static HttpRequest anonymous(TestServer server, int i, @Nullable String cookieKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(i % 2 == 0 ? "/untouched" : "/get?key=k"))
            .timeout(Duration.ofSeconds(30));
    if (cookieKey != null) {
      request.header("Cookie", "sessionid=" + cookieKey);
    }
    return request.GET().build();
  }

  /** A well-formed session key that was never issued (as likely as guessing a live one). */
  private static String randomKey() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder key = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      key.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return key.toString();
  }

  private static Instant expires(SetCookie cookie) {
    String expires = cookie.attribute("Expires");
    assertThat(expires).isNotNull();
    return ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }
}
