package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract on {@link dev.sessionkit.django.DjangoSessionStore} over PostgreSQL at
 * 127.0.0.1:5432; skipped when it is not running, unless {@code
 * -Dsessionkit.require-services=true}.
 */
class DjangoPostgresqlSessionStoreTests extends DjangoSessionStoreContractTests {

  /** Django 3.2's {@code sqlmigrate sessions 0001} on PostgreSQL, made idempotent. */
  static final List<String> DJANGO_SESSION_TABLE =
      List.of(
          "CREATE TABLE IF NOT EXISTS \"django_session\" (\"session_key\" varchar(40) NOT NULL"
              + " PRIMARY KEY, \"session_data\" text NOT NULL, \"expire_date\" timestamp with time"
              + " zone NOT NULL)",
          "CREATE INDEX IF NOT EXISTS \"django_session_session_key_c0390e0f_like\" ON"
              + " \"django_session\" (\"session_key\" varchar_pattern_ops)",
          "CREATE INDEX IF NOT EXISTS \"django_session_expire_date_a5c62663\" ON"
              + " \"django_session\" (\"expire_date\")");

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return database;
  }

  @Override
  List<String> djangoSessionTable() {
    return DJANGO_SESSION_TABLE;
  }

  @Test
  void expireDateIsStoredInUtcAsDjangoKeepsIt() {
    String key = storedSession(Map.of("a", 1));

    String expireDate =
        database
            .jdbc()
            .queryForObject(
                "SELECT to_char(expire_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM django_session WHERE session_key = ?",
                String.class,
                key);

    assertThat(expireDate).isEqualTo("2030-01-15 00:00:00");
  }
}
