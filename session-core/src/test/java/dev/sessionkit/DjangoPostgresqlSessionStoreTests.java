package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.django.DjangoSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session store contract on {@link DjangoSessionStore}, over Django's {@code django_session}
 * table on PostgreSQL at 127.0.0.1:5432 (created with the statements Django's {@code sqlmigrate
 * sessions 0001} prints for PostgreSQL); skipped when PostgreSQL is not running, unless {@code
 * -Dsessionkit.require-services=true}.
 */
class DjangoPostgresqlSessionStoreTests extends SessionStoreContractTests
    implements ConcurrentSavesContract {

  static final String SECRET_KEY = "django-insecure-contract-secret-key-0123456789abcdef";

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

  @BeforeEach
  void emptyDjangoTable() {
    DJANGO_SESSION_TABLE.forEach(database.jdbc()::execute);
    database.jdbc().update("DELETE FROM django_session");
  }

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new DjangoSessionStore(database.dataSource(), SECRET_KEY, List.of(), settings);
  }

  @Override
  public StorageSessionStore otherStore() {
    return new DjangoSessionStore(database.dataSource(), SECRET_KEY, List.of(), settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    int updated =
        database
            .jdbc()
            .update(
                "UPDATE django_session SET session_data = ? WHERE session_key = ?",
                rawData,
                sessionKey);
    assertThat(updated).as("rows updated").isEqualTo(1);
  }

  @Override
  boolean isStored(String sessionKey) {
    Integer rows =
        database
            .jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM django_session WHERE session_key = ?",
                Integer.class,
                sessionKey);
    return rows != null && rows > 0;
  }
}
