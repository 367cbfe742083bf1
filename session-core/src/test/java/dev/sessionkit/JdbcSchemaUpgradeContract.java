package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A session table made by the previous release (0.2: no principal or timestamp columns), with a
 * session in it, upgraded by running the schema script this release ships: the session is still
 * there, and from its next save it is listed under its user. Implemented per database.
 */
interface JdbcSchemaUpgradeContract {

  String TABLE = "upgraded_sessions";

  /** The database under test. */
  TestDatabase database();

  /** The script name's platform ({@code h2}, {@code postgresql}, {@code mariadb}). */
  String platform();

  @Test
  default void aTableOfTheLastReleaseIsUpgradedInPlaceAndKeepsItsSessions() throws Exception {
    try (TestDatabase.Standalone standalone = database().standalone("upgrade_" + platform())) {
      run(standalone, "dev/sessionkit/jdbc/release-0.2/schema-" + platform() + ".sql");
      String key = "legacykey0000000000000000000000a";
      standalone
          .jdbc()
          .update(
              "INSERT INTO "
                  + TABLE
                  + " (session_key, session_data, expire_date, version) VALUES (?, ?, ?, ?)",
              key,
              "{\"a\":1}",
              Timestamp.valueOf(
                  LocalDateTime.ofInstant(Instant.parse("2099-01-01T00:00:00Z"), ZoneOffset.UTC)),
              3);

      run(standalone, "dev/sessionkit/jdbc/schema-" + platform() + ".sql");
      run(standalone, "dev/sessionkit/jdbc/schema-" + platform() + ".sql");

      JdbcSessionStore store =
          new JdbcSessionStore(standalone.dataSource(), SessionSettings.defaults(), TABLE);
      Session session = store.open(key);
      assertThat(session.get("a")).isEqualTo(1);
      assertThat(store.sessionsOf("alice", null)).isEmpty();
      session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, "alice");
      session.save();
      assertThat(store.sessionsOf("alice", key))
          .singleElement()
          .satisfies(
              listed -> {
                assertThat(listed.current()).isTrue();
                assertThat(listed.created()).isNull();
                assertThat(listed.lastSaved()).isNotNull();
              });
    }
  }

  private static void run(TestDatabase.Standalone standalone, String script)
      throws IOException, SQLException {
    String text =
        new String(
                new ClassPathResource(script).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("sessionkit_session", TABLE);
    new ResourceDatabasePopulator(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)))
        .execute(standalone.dataSource());
  }
}
