package dev.sessionkit.jdbc;

import dev.sessionkit.AbstractSessionStore;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStoreException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps sessions in a database table, one row per session:
 *
 * <pre>{@code
 * SessionStore store = new JdbcSessionStore(dataSource);
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE_NAME} unless named otherwise) is created by the schema
 * script for the database, shipped as {@code dev/sessionkit/jdbc/schema-{h2,postgresql,mariadb,
 * mysql}.sql}. Every operation is one statement in auto-commit: a load is one {@code SELECT} that
 * never returns an expired row, a save one {@code INSERT} (must-create; a duplicate key fails it)
 * or one {@code UPDATE}, and {@link #clearExpired()} one {@code DELETE} on the indexed expiry
 * column. Expiry instants are stored as UTC date-times, so servers in different time zones agree.
 */
public final class JdbcSessionStore extends AbstractSessionStore {

  /** The table used unless another is named. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_session";

  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final JdbcTemplate jdbc;
  private final String tableName;
  private final String selectSql;
  private final String existsSql;
  private final String insertSql;
  private final String updateSql;
  private final String deleteSql;
  private final String deleteExpiredSql;

  /** A store on {@code dataSource} with the default settings and table. */
  public JdbcSessionStore(DataSource dataSource) {
    this(dataSource, SessionSettings.defaults());
  }

  /** A store on {@code dataSource} with the default table. */
  public JdbcSessionStore(DataSource dataSource, SessionSettings settings) {
    this(dataSource, settings, DEFAULT_TABLE_NAME);
  }

  /**
   * A store on {@code dataSource} using the table {@code tableName}.
   *
   * @throws IllegalArgumentException when {@code tableName} is not a plain (optionally
   *     schema-qualified) SQL identifier
   */
  public JdbcSessionStore(DataSource dataSource, SessionSettings settings, String tableName) {
    super(settings);
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "Session table name '"
              + tableName
              + "' is not a plain SQL identifier ([A-Za-z0-9_],"
              + " optionally schema-qualified)");
    }
    this.jdbc = new JdbcTemplate(dataSource);
    this.tableName = tableName;
    this.selectSql =
        "SELECT session_data, expire_date FROM "
            + tableName
            + " WHERE session_key = ? AND expire_date > ?";
    this.existsSql = "SELECT 1 FROM " + tableName + " WHERE session_key = ? AND expire_date > ?";
    this.insertSql =
        "INSERT INTO " + tableName + " (session_key, session_data, expire_date) VALUES (?, ?, ?)";
    this.updateSql =
        "UPDATE " + tableName + " SET session_data = ?, expire_date = ? WHERE session_key = ?";
    this.deleteSql = "DELETE FROM " + tableName + " WHERE session_key = ?";
    this.deleteExpiredSql = "DELETE FROM " + tableName + " WHERE expire_date <= ?";
  }

  /** The table sessions are stored in. */
  public String tableName() {
    return tableName;
  }

  @Override
  protected @Nullable SessionRecord load(String sessionKey) {
    List<SessionRecord> rows =
        execute(
            "load",
            () ->
                jdbc.query(
                    selectSql,
                    (resultSet, rowNum) ->
                        new SessionRecord(
                            resultSet.getString(1),
                            fromColumn(resultSet.getObject(2, LocalDateTime.class))),
                    sessionKey,
                    toColumn(now())));
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Override
  protected boolean contains(String sessionKey) {
    return !execute("check", () -> jdbc.queryForList(existsSql, sessionKey, toColumn(now())))
        .isEmpty();
  }

  @Override
  protected boolean insert(String sessionKey, SessionRecord record) {
    return execute(
        "create",
        () -> {
          try {
            jdbc.update(insertSql, sessionKey, record.data(), toColumn(record.expireDate()));
            return true;
          } catch (DuplicateKeyException ex) {
            return false;
          }
        });
  }

  @Override
  protected boolean update(String sessionKey, SessionRecord record) {
    return execute(
            "save",
            () -> jdbc.update(updateSql, record.data(), toColumn(record.expireDate()), sessionKey))
        > 0;
  }

  @Override
  protected void remove(String sessionKey) {
    execute("delete", () -> jdbc.update(deleteSql, sessionKey));
  }

  @Override
  public int clearExpired() {
    return execute("clear expired sessions", () -> jdbc.update(deleteExpiredSql, toColumn(now())));
  }

  @Override
  public String toString() {
    return "JdbcSessionStore[table " + tableName + "]";
  }

  private Instant now() {
    return settings().clock().instant();
  }

  private <T> T execute(String operation, Supplier<T> statement) {
    try {
      return statement.get();
    } catch (DataAccessException ex) {
      throw new SessionStoreException(
          "Database session store (table "
              + tableName
              + ") could not "
              + operation
              + " a session: "
              + ex.getMostSpecificCause().getMessage(),
          ex);
    }
  }

  private static LocalDateTime toColumn(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant fromColumn(LocalDateTime dateTime) {
    return dateTime.toInstant(ZoneOffset.UTC);
  }
}
