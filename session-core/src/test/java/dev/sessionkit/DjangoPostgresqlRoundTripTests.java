package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.django.DjangoSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.CapturedLogs;
import dev.sessionkit.testing.RealDjango;
import dev.sessionkit.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DjangoSessionStore} and a live Django ({@link RealDjango}, its database {@code
 * SessionStore} through psycopg2) sharing one {@code django_session} table on PostgreSQL at
 * 127.0.0.1:5432: each reads and changes what the other wrote. Skipped when Django or PostgreSQL is
 * missing, unless {@code -Dsessionkit.require-services=true}.
 */
class DjangoPostgresqlRoundTripTests {

  private static final String SECRET_KEY = "django-insecure-round-trip-secret-key-0123456789abcd";
  private static final String OLD_SECRET_KEY = "old-django-secret-key-rotated-out-0123456789abcdef";
  private static final String UNKNOWN_SECRET_KEY = "a-secret-key-sessionkit-was-never-told-0123456";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final Map<String, Object> LOGIN =
      ordered(
          "_auth_user_id",
          "42",
          "_auth_user_backend",
          "django.contrib.auth.backends.ModelBackend",
          "_auth_user_hash",
          "4d1c9b0f3e2a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
          "name",
          "Zoë 😀",
          "visits",
          3,
          "ratio",
          0.25,
          "staff",
          false,
          "nothing",
          null,
          "cart",
          List.of(ordered("sku", "A-1", "qty", 2)),
          "prefs",
          ordered("theme", "dark"));

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(StorageSessionStore.class);

  private final RealDjango django = RealDjango.require();
  private DjangoSessionStore store;

  @BeforeEach
  void djangoTable() {
    DjangoPostgresqlSessionStoreTests.DJANGO_SESSION_TABLE.forEach(database.jdbc()::execute);
    database.jdbc().update("DELETE FROM django_session");
    store = new DjangoSessionStore(database.dataSource(), SECRET_KEY, List.of(OLD_SECRET_KEY));
  }

  @Test
  void theTableIsTheOneDjangosMigrationCreates() {
    String djangoSql = djangoRun(SECRET_KEY, Map.of("op", "sqlmigrate")).stringValue();

    for (String statement : DjangoPostgresqlSessionStoreTests.DJANGO_SESSION_TABLE) {
      assertThat(djangoSql).contains(statement.replace(" IF NOT EXISTS", "") + ";");
    }
  }

  @Test
  void openWhenDjangoCreatedTheSessionReadsItsData() {
    Map<String, Object> small = Map.of("_auth_user_id", "7");
    String compressedKey = djangoCreate(SECRET_KEY, LOGIN);
    String plainKey = djangoCreate(SECRET_KEY, small);

    assertThat(storedData(compressedKey)).startsWith(".");
    assertThat(storedData(plainKey)).doesNotStartWith(".");
    assertThat(compressedKey).matches("[a-z0-9]{32}");
    assertThat(dataOf(store.open(compressedKey))).isEqualTo(LOGIN);
    assertThat(dataOf(store.open(plainKey))).isEqualTo(small);
  }

  @Test
  void djangoLoadsWhatSessionkitSaved() {
    Session session = store.newSession();
    session.update(LOGIN);
    session.save();

    JsonNode loaded = djangoLoad(SECRET_KEY, session.getSessionKey());

    assertThat(loaded.get("session_key").stringValue()).isEqualTo(session.getSessionKey());
    assertThat(loaded.get("exists").booleanValue()).isTrue();
    assertThat(loaded.get("data")).isEqualTo(MAPPER.valueToTree(LOGIN));
  }

  @Test
  void changesByEitherSideReachTheOther() {
    Session session = store.newSession();
    session.put("from_java", 1);
    session.save();
    String key = session.getSessionKey();

    djangoRun(SECRET_KEY, Map.of("op", "db_update", "session_key", key, "set", Map.of("py", 2)));
    Session reopened = store.open(key);
    reopened.put("from_java", 3);
    reopened.save();

    assertThat(dataOf(store.open(key))).containsOnly(Map.entry("from_java", 3), Map.entry("py", 2));
    assertThat(djangoLoad(SECRET_KEY, key).get("data"))
        .isEqualTo(MAPPER.valueToTree(Map.of("from_java", 3, "py", 2)));
  }

  @Test
  void saveWhenDjangoSavedMeanwhileMergesInsteadOfLosingDjangosChange() {
    Session session = store.newSession();
    session.put("count", 1);
    session.save();
    String key = session.getSessionKey();
    Session javaRequest = store.open(key);
    javaRequest.put("java", "yes");
    assertThat(javaRequest.get("count")).isEqualTo(1);

    djangoRun(
        SECRET_KEY, Map.of("op", "db_update", "session_key", key, "set", Map.of("py", "yes")));
    javaRequest.save();

    assertThat(dataOf(store.open(key)))
        .containsOnly(Map.entry("count", 1), Map.entry("java", "yes"), Map.entry("py", "yes"));
  }

  @Test
  void openWhenDjangoSignedWithAFallbackSecretKeyReadsItAndResignsWithTheSecretKey() {
    String key = djangoCreate(OLD_SECRET_KEY, LOGIN);

    Session session = store.open(key);
    assertThat(dataOf(session)).isEqualTo(LOGIN);
    session.put("seen", true);
    session.save();

    assertThat(djangoLoad(SECRET_KEY, key).get("data").get("seen").booleanValue()).isTrue();
    assertThat(djangoLoad(OLD_SECRET_KEY, key).get("data").isEmpty()).isTrue();
  }

  @Test
  void openWhenDjangoSignedWithAnUnknownSecretKeyGivesAnEmptySessionAndAWarning() {
    String key = djangoCreate(UNKNOWN_SECRET_KEY, LOGIN);

    Session session = store.open(key);

    assertThat(session.isEmpty()).isFalse();
    assertThat(session.keySet()).isEmpty();
    assertThat(logs.records())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage())
                  .contains("signature")
                  .doesNotContain(key)
                  .doesNotContain(UNKNOWN_SECRET_KEY)
                  .doesNotContain(SECRET_KEY);
            });
  }

  @Test
  void aSessionDjangoMarkedExpiredIsNotLoadedAndClearExpiredRemovesItAsClearsessionsWould() {
    String expired = djangoCreate(SECRET_KEY, Map.of("_auth_user_id", "1"), -60);
    String live = djangoCreate(SECRET_KEY, Map.of("_auth_user_id", "2"));

    assertThat(store.exists(expired)).isFalse();
    assertThat(store.open(expired).keySet()).isEmpty();
    assertThat(store.clearExpired()).isEqualTo(1);

    assertThat(database.jdbc().queryForList("SELECT session_key FROM django_session", String.class))
        .containsExactly(live);
    djangoRun(SECRET_KEY, Map.of("op", "db_clear_expired"));
    assertThat(djangoLoad(SECRET_KEY, live).get("exists").booleanValue()).isTrue();
  }

  @Test
  void djangoClearsessionsRemovesWhatSessionkitSavedOnlyOnceItExpired() {
    Session lasting = store.newSession();
    lasting.put("a", 1);
    lasting.save();
    Session ending = store.newSession();
    ending.put("b", 2);
    ending.setExpiry(Duration.ofSeconds(1));
    ending.save();
    database
        .jdbc()
        .update(
            "UPDATE django_session SET expire_date = ? WHERE session_key = ?",
            Timestamp.from(Instant.now().minusSeconds(60)),
            ending.getSessionKey());

    djangoRun(SECRET_KEY, Map.of("op", "db_clear_expired"));

    assertThat(database.jdbc().queryForList("SELECT session_key FROM django_session", String.class))
        .containsExactly(lasting.getSessionKey());
  }

  private String djangoCreate(String secretKey, Map<String, ?> data) {
    return djangoRun(secretKey, Map.of("op", "db_create", "data", data)).stringValue();
  }

  private String djangoCreate(String secretKey, Map<String, ?> data, int expirySeconds) {
    return djangoRun(secretKey, Map.of("op", "db_create", "data", data, "expiry", expirySeconds))
        .stringValue();
  }

  private JsonNode djangoLoad(String secretKey, String key) {
    return djangoRun(secretKey, Map.of("op", "db_load", "session_key", key));
  }

  private JsonNode djangoRun(String secretKey, Map<String, ?> operation) {
    String schema = database.jdbc().queryForObject("SELECT current_schema()", String.class);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("secret_key", secretKey);
    settings.put(
        "database",
        Map.of(
            "name",
            "test",
            "user",
            "postgres",
            "host",
            "127.0.0.1",
            "port",
            5432,
            "schema",
            schema));
    return django.run(settings, List.of(operation)).get(0);
  }

  private String storedData(String key) {
    return database
        .jdbc()
        .queryForObject(
            "SELECT session_data FROM django_session WHERE session_key = ?", String.class, key);
  }

  /** The session's data, as a map. */
  private static Map<String, Object> dataOf(Session session) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : session.entrySet()) {
      data.put(entry.getKey(), entry.getValue());
    }
    return data;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
