package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessionkit.Session;
import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.boot.testing.Gate;
import dev.sessionkit.boot.testing.Gates;
import dev.sessionkit.boot.testing.GlobalExceptionAdvice;
import dev.sessionkit.boot.testing.TcpProxy;
import dev.sessionkit.boot.testing.TestServer;
import dev.sessionkit.boot.testing.WebTestApplication;
import dev.sessionkit.testing.ServiceAvailability;
import dev.sessionkit.testing.TestRedis;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend's server becomes unreachable while the application runs, and comes back: the db
 * backend on PostgreSQL and on MariaDB, and the native Redis backend, each reached through a {@link
 * TcpProxy} on loopback that the test cuts and restores (the shared servers are never stopped).
 * While it is cut, a request that needs its session answers 503 with {@code Retry-After} (the
 * session is neither dropped nor replaced by an empty one), whether the load fails in the handler,
 * or the save fails in the filter or inside Spring MVC; a request that does not touch its session
 * answers 200. After the restore, without a restart, the same cookie reads the original data. The
 * application has a global {@code @ExceptionHandler(Exception.class)}, so a 503 proves the
 * starter's resolver ran first. Pools have short timeouts (1.5 s), so each failing request is
 * short. Needs the servers: skipped with the reason when one is down, failed with {@code
 * -Dsessionkit.require-services=true}.
 */
class SessionOutageWebTests {

  private static final Duration RECOVERY = Duration.ofSeconds(45);

  @SpringBootConfiguration(proxyBeanMethods = false)
  @Import({WebTestApplication.class, OutageController.class})
  static class OutageApplication {}

  /** A handler that writes no body, so the filter saves the session after the handler returns. */
  @RestController
  static class OutageController {

    private final AtomicReference<Gate> gate = new AtomicReference<>(new Gate());

    /** A new gate that the next request will stop at. */
    Gate arm() {
      Gate armed = new Gate();
      gate.set(armed);
      return armed;
    }

    @GetMapping("/gated-put-no-content")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void gatedPutNoContent(@RequestParam String value, Session session)
        throws InterruptedException {
      session.get("k");
      gate.get().arrive();
      session.put("k", value);
    }
  }

  enum Backend {
    POSTGRESQL("PostgreSQL at 127.0.0.1:5432", 5432) {
      @Override
      String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=2&socketTimeout=10";
      }

      @Override
      String user() {
        return "postgres";
      }
    },
    MARIADB("MariaDB at 127.0.0.1:3306", 3306) {
      @Override
      String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/test?connectTimeout=2000&socketTimeout=10000";
      }

      @Override
      String user() {
        return "root";
      }
    },
    REDIS("Redis at 127.0.0.1:6379", 6379) {
      @Override
      Map<String, Object> properties(int proxyPort, String name) {
        return Map.of(
            "sessionkit.backend",
            "redis",
            "sessionkit.redis.key-prefix",
            name + ":session:",
            "spring.data.redis.host",
            "127.0.0.1",
            "spring.data.redis.port",
            proxyPort,
            "spring.data.redis.timeout",
            "1500ms",
            "spring.data.redis.connect-timeout",
            "1s");
      }

      @Override
      void probe() {
        LettuceConnectionFactory factory = TestRedis.connectionFactory("127.0.0.1", port);
        try (RedisConnection connection = factory.getConnection()) {
          connection.ping();
        } finally {
          factory.destroy();
        }
      }

      @Override
      void cleanUp(String name) {
        LettuceConnectionFactory factory = TestRedis.connectionFactory("127.0.0.1", port);
        try {
          StringRedisTemplate redis = new StringRedisTemplate(factory);
          Set<String> keys = redis.keys(name + ":session:*");
          if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
          }
        } finally {
          factory.destroy();
        }
      }
    };

    final String where;
    final int port;

    Backend(String where, int port) {
      this.where = where;
      this.port = port;
    }

    String url(int port) {
      throw new UnsupportedOperationException();
    }

    String user() {
      throw new UnsupportedOperationException();
    }

    /** The properties of an application whose backend is reached at {@code proxyPort}. */
    Map<String, Object> properties(int proxyPort, String name) {
      return Map.of(
          "sessionkit.backend",
          "db",
          "sessionkit.jdbc.table-name",
          name,
          "sessionkit.jdbc.initialize-schema",
          "always",
          "spring.datasource.url",
          url(proxyPort),
          "spring.datasource.username",
          user(),
          "spring.datasource.hikari.connection-timeout",
          "1500",
          "spring.datasource.hikari.validation-timeout",
          "1000",
          "spring.datasource.hikari.maximum-pool-size",
          "4");
    }

    /** Connects to the real server directly; throws when it is down. */
    void probe() throws SQLException {
      DriverManager.getConnection(url(port), user(), "").close();
    }

    /** Removes what the test stored, on the real server directly. */
    void cleanUp(String name) throws SQLException {
      try (Connection connection = DriverManager.getConnection(url(port), user(), "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + name);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void sessionRequestsAnswer503WhileTheServerIsUnreachableAndTheSessionSurvives(Backend backend)
      throws Exception {
    requireUp(backend);
    String name = "sk_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (TcpProxy proxy = TcpProxy.to("127.0.0.1", backend.port)) {
      Map<String, Object> properties = new HashMap<>(backend.properties(proxy.port(), name));
      properties.put(GlobalExceptionAdvice.PROPERTY, "true");
      try (TestServer server = TestServer.start(OutageApplication.class, properties)) {
        Browser browser = new Browser(server);
        Gates gates = server.bean(Gates.class);
        assertThat(browser.get("/put?key=user&value=alice").statusCode()).isEqualTo(200);
        String sessionKey = browser.cookie("sessionid");
        assertThat(sessionKey).isNotNull();

        proxy.cut();

        assertUnavailable(browser.get("/get?key=user"));
        assertUnavailable(browser.get("/put?key=user&value=mallory"));
        HttpResponse<String> untouched = browser.get("/untouched");
        assertThat(untouched.statusCode()).isEqualTo(200);
        assertThat(untouched.body()).isEqualTo("untouched");
        assertThat(browser.cookie("sessionid")).isEqualTo(sessionKey);

        proxy.restore();

        HttpResponse<String> recovered = awaitRecovery(browser, "/get?key=user");
        assertThat(recovered.body()).isEqualTo("alice");
        assertThat(browser.cookie("sessionid")).isEqualTo(sessionKey);

        // The save fails in the filter, after the handler loaded the session and returned.
        assertUnavailable(
            cutWhileAtTheGate(
                server.bean(OutageController.class).arm(),
                browser,
                proxy,
                "/gated-put-no-content?value=mallory"));
        proxy.restore();
        assertThat(awaitRecovery(browser, "/get?key=k").body()).isEqualTo("null");

        // The save fails inside Spring MVC (the body's declared length is written): the resolver
        // answers, before the application's global exception handler.
        assertUnavailable(
            cutWhileAtTheGate(gates.arm(), browser, proxy, "/gated-put?value=mallory"));
        proxy.restore();
        assertThat(awaitRecovery(browser, "/get?key=k").body()).isEqualTo("null");

        // The same with a body that fills the response buffer.
        assertUnavailable(cutWhileAtTheGate(gates.arm(), browser, proxy, "/gated-large-body"));
        proxy.restore();

        assertThat(awaitRecovery(browser, "/get?key=user").body()).isEqualTo("alice");
        assertThat(browser.get("/put?key=n&value=2").statusCode()).isEqualTo(200);
        assertThat(browser.get("/get?key=n").body()).isEqualTo("2");
        assertThat(browser.get("/get?key=user").body()).isEqualTo("alice");
        assertThat(browser.cookie("sessionid")).isEqualTo(sessionKey);
      }
    } finally {
      backend.cleanUp(name);
    }
  }

  private static void requireUp(Backend backend) {
    ServiceAvailability<AutoCloseable> availability;
    try {
      backend.probe();
      availability = ServiceAvailability.up(backend.where, () -> {});
    } catch (Exception ex) {
      availability =
          ServiceAvailability.down(
              backend.where, ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
    availability.require();
  }

  /** Runs {@code pathAndQuery} up to {@code gate} (the session loaded), cuts, lets it finish. */
  private static HttpResponse<String> cutWhileAtTheGate(
      Gate gate, Browser browser, TcpProxy proxy, String pathAndQuery) throws Exception {
    CompletableFuture<HttpResponse<String>> response = browser.getAsync(pathAndQuery);
    gate.awaitArrival();
    proxy.cut();
    gate.open();
    return response.get(60, TimeUnit.SECONDS);
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValue(String.valueOf(SaveFailureAnswer.RETRY_AFTER_SECONDS));
    assertThat(response.body()).isEqualTo(SessionFilter.UNAVAILABLE_MESSAGE);
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
  }

  /**
   * GETs {@code pathAndQuery} until it no longer answers 503 (the pool reconnected in the
   * background), within a bound, and asserts that it then answers 200.
   */
  private static HttpResponse<String> awaitRecovery(Browser browser, String pathAndQuery) {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    await("the backend to answer again")
        .atMost(RECOVERY)
        .until(
            () -> {
              last.set(browser.get(pathAndQuery));
              return last.get().statusCode() != 503;
            });
    assertThat(last.get().statusCode()).isEqualTo(200);
    return last.get();
  }
}
