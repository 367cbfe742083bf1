package dev.sessionkit.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.boot.testing.Browser;
import dev.sessionkit.testing.RealDjango;
import dev.sessionkit.testing.ServiceAvailability;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole filter suite on the django backend ({@code sessionkit.backend=django}) over Django's
 * {@code django_session} table on PostgreSQL at 127.0.0.1:5432, in a schema of this run's own;
 * plus, with a real Django ({@link RealDjango}) on the same table, a Django login read by a Spring
 * request and a session put by a Spring request read by Django. Skipped with the reason when
 * PostgreSQL or Django is missing, failed instead with {@code -Dsessionkit.require-services=true}.
 */
class DjangoSessionFilterWebTests extends AbstractSessionFilterWebTests {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SECRET_KEY = "django-insecure-web-test-secret-key-abcdef0123456789";
  private static final String SCHEMA =
      "sessionkit_django_web_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  /** Django 3.2's {@code sqlmigrate sessions 0001} on PostgreSQL. */
  private static final List<String> DJANGO_SESSION_TABLE =
      List.of(
          "CREATE TABLE \"django_session\" (\"session_key\" varchar(40) NOT NULL PRIMARY KEY,"
              + " \"session_data\" text NOT NULL, \"expire_date\" timestamp with time zone NOT"
              + " NULL)",
          "CREATE INDEX \"django_session_session_key_c0390e0f_like\" ON \"django_session\""
              + " (\"session_key\" varchar_pattern_ops)",
          "CREATE INDEX \"django_session_expire_date_a5c62663\" ON \"django_session\""
              + " (\"expire_date\")");

  private boolean schemaCreated;

  @Override
  Map<String, Object> backendProperties() {
    return Map.of(
        "sessionkit.backend",
        "django",
        "sessionkit.django.secret-key",
        SECRET_KEY,
        "spring.datasource.url",
        SERVER + "?currentSchema=" + SCHEMA,
        "spring.datasource.username",
        "postgres");
  }

  @Override
  String backendName() {
    return "django";
  }

  @Override
  void requireServices() {
    ServiceAvailability<AutoCloseable> availability;
    try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + SCHEMA);
      schemaCreated = true;
      statement.execute("SET search_path TO " + SCHEMA);
      for (String sql : DJANGO_SESSION_TABLE) {
        statement.execute(sql);
      }
      availability = ServiceAvailability.up("PostgreSQL at 127.0.0.1:5432", () -> {});
    } catch (SQLException ex) {
      availability =
          ServiceAvailability.down(
              "PostgreSQL at 127.0.0.1:5432",
              ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
    availability.require();
  }

  /** Runs before the suite stops the server (a subclass's {@code @AfterAll} runs first). */
  @AfterAll
  void dropSchema() throws SQLException {
    if (!schemaCreated) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void requestWithTheCookieOfADjangoLoginSeesTheDjangoUser() throws Exception {
    RealDjango django = RealDjango.require();
    String key =
        djangoRun(django, Map.of("op", "db_create", "data", Map.of("_auth_user_id", "42")))
            .stringValue();

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server().uri("/get?key=_auth_user_id"))
                    .header("Cookie", "sessionid=" + key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("42");
  }

  @Test
  void djangoSeesWhatARequestPutInTheSession() {
    RealDjango django = RealDjango.require();
    Browser browser = new Browser(server());
    browser.get("/put?key=cart&value=apples");
    String key = browser.cookie("sessionid");

    JsonNode loaded = djangoRun(django, Map.of("op", "db_load", "session_key", key));

    assertThat(loaded.get("session_key").stringValue()).isEqualTo(key);
    assertThat(loaded.get("data").get("cart").stringValue()).isEqualTo("apples");
  }

  private static JsonNode djangoRun(RealDjango django, Map<String, ?> operation) {
    Map<String, Object> settings =
        Map.of(
            "secret_key",
            SECRET_KEY,
            "database",
            Map.of(
                "name", "test",
                "user", "postgres",
                "host", "127.0.0.1",
                "port", 5432,
                "schema", SCHEMA.toLowerCase(Locale.ROOT)));
    return django.run(settings, List.of(operation)).get(0);
  }
}
