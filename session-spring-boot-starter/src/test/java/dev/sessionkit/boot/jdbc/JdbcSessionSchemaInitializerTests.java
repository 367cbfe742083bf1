package dev.sessionkit.boot.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped schema scripts rewritten for a configured table name. */
class JdbcSessionSchemaInitializerTests {

  private static final String SCRIPT =
      """
      CREATE TABLE IF NOT EXISTS sessionkit_session (
          session_key VARCHAR(40) NOT NULL PRIMARY KEY
      );
      CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
      """;

  @Test
  void defaultTableNameLeavesTheScriptAsItIs() {
    assertThat(JdbcSessionSchemaInitializer.forTable(SCRIPT, "sessionkit_session"))
        .isEqualTo(SCRIPT);
  }

  @Test
  void tableAndIndexAreRenamed() {
    assertThat(JdbcSessionSchemaInitializer.forTable(SCRIPT, "web_sessions"))
        .isEqualTo(
            """
        CREATE TABLE IF NOT EXISTS web_sessions (
            session_key VARCHAR(40) NOT NULL PRIMARY KEY
        );
        CREATE INDEX IF NOT EXISTS web_sessions_expire_date_idx ON web_sessions (expire_date);
        """);
  }

  @Test
  void schemaQualifiedTableGetsAnUnqualifiedIndexName() {
    assertThat(JdbcSessionSchemaInitializer.forTable(SCRIPT, "app.sessions"))
        .contains(
            "CREATE TABLE IF NOT EXISTS app.sessions (",
            "CREATE INDEX IF NOT EXISTS sessions_expire_date_idx ON app.sessions (expire_date);");
  }

  @Test
  void theCleanupLockTableIsNamedAfterTheSessionTableInItsSchema() {
    assertThat(
            JdbcSessionSchemaInitializer.forTable(
                "CREATE TABLE IF NOT EXISTS sessionkit_session_lock (name VARCHAR(64));",
                "app.sessions"))
        .isEqualTo("CREATE TABLE IF NOT EXISTS app.sessions_lock (name VARCHAR(64));");
  }
}
