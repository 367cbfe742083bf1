package dev.sessionkit.jdbc;

import dev.sessionkit.spi.IndexedPrincipals;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.spi.sql.SqlWork;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Session records in a table, one row per session, through plain JDBC.
 *
 * <p>Design. Every operation takes its own connection straight from the {@link DataSource} and runs
 * one statement in auto-commit (committing itself when the pool hands out connections without
 * auto-commit), so session writes never join an application's transaction: a handler that rolls
 * back does not undo a logout, and a failed must-create insert does not abort the caller's
 * transaction on PostgreSQL. A replace is one {@code UPDATE ... WHERE session_key = ? AND version =
 * ?}; no row updated means the version moved on or the row is gone, which the engine tells apart by
 * reloading. Expired rows are removed in batches of {@value #CLEANUP_BATCH} keys, each key by its
 * own {@code DELETE} in one JDBC batch, so every removed key is known; each batch is one short
 * transaction (one commit, so one log flush, per batch rather than per row, which on MariaDB makes
 * the cleanup many times faster), holding the locks of its expired rows only until that commit.
 */
final class JdbcSessionStorage implements SessionStorage {

  static final int CLEANUP_BATCH = 1_000;

  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final StorageCapabilities CAPABILITIES =
      StorageCapabilities.builder().compareAndSet(true).indexesPrincipals(true).build();

  private static final System.Logger LOG = System.getLogger(JdbcSessionStorage.class.getName());

  private final SqlWork sql;
  private final String tableName;
  private final Clock clock;
  private final String selectSql;
  private final String existsSql;
  private final String insertSql;
  private final String updateSql;
  private final String deleteSql;
  private final String selectExpiredSql;
  private final String deleteExpiredSql;
  private final String selectByPrincipalSql;

  /**
   * @param clock the clock that decides which rows have expired (the settings' clock)
   * @throws IllegalArgumentException when {@code tableName} is not a plain (optionally
   *     schema-qualified) SQL identifier
   */
  JdbcSessionStorage(DataSource dataSource, String tableName, Clock clock) {
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "Session table name '"
              + tableName
              + "' is not a plain SQL identifier ([A-Za-z0-9_],"
              + " optionally schema-qualified)");
    }
    this.sql = new SqlWork(dataSource, "Database session store (table " + tableName + ")");
    this.tableName = tableName;
    this.clock = clock;
    this.selectSql =
        "SELECT session_data, expire_date, version, principal_name, created_at, saved_at FROM "
            + tableName
            + " WHERE session_key = ? AND expire_date > ?";
    this.existsSql = "SELECT 1 FROM " + tableName + " WHERE session_key = ? AND expire_date > ?";
    this.insertSql =
        "INSERT INTO "
            + tableName
            + " (session_key, session_data, expire_date, version, principal_name, created_at,"
            + " saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    this.updateSql =
        "UPDATE "
            + tableName
            + " SET session_data = ?, expire_date = ?, version = ?, principal_name = ?,"
            + " saved_at = ? WHERE session_key = ? AND version = ?";
    this.deleteSql = "DELETE FROM " + tableName + " WHERE session_key = ?";
    this.selectExpiredSql =
        "SELECT session_key FROM " + tableName + " WHERE expire_date <= ? LIMIT " + CLEANUP_BATCH;
    this.deleteExpiredSql =
        "DELETE FROM " + tableName + " WHERE session_key = ? AND expire_date <= ?";
    this.selectByPrincipalSql =
        "SELECT session_key, created_at, saved_at, expire_date, session_data FROM "
            + tableName
            + " WHERE principal_name = ? AND expire_date > ?";
  }

  String tableName() {
    return tableName;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    return sql.run(
        "load",
        key,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(selectSql)) {
            statement.setString(1, key);
            statement.setObject(2, toColumn(clock.instant()));
            try (ResultSet row = statement.executeQuery()) {
              if (!row.next()) {
                return null;
              }
              return StoredRecord.builder()
                  .data(row.getString(1))
                  .expiry(fromColumn(row.getObject(2, LocalDateTime.class)))
                  .version(row.getLong(3))
                  .principal(row.getString(4))
                  .created(fromNullableColumn(row.getObject(5, LocalDateTime.class)))
                  .saved(fromNullableColumn(row.getObject(6, LocalDateTime.class)))
                  .build();
            }
          }
        });
  }

  @Override
  public boolean contains(String key, Instant now) {
    return sql.run(
        "check",
        key,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(existsSql)) {
            statement.setString(1, key);
            statement.setObject(2, toColumn(now));
            try (ResultSet row = statement.executeQuery()) {
              return row.next();
            }
          }
        });
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    return sql.run(
        "create",
        key,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
            statement.setString(1, key);
            statement.setString(2, record.data());
            statement.setObject(3, toColumn(record.expiry()));
            statement.setLong(4, record.version());
            statement.setString(5, IndexedPrincipals.indexable(record, this));
            statement.setObject(6, toNullableColumn(record.created()));
            statement.setObject(7, toNullableColumn(record.saved()));
            statement.executeUpdate();
            return true;
          } catch (SQLException ex) {
            if (!SqlWork.isDuplicateKey(ex)) {
              throw ex;
            }
            if (!connection.getAutoCommit()) {
              connection.rollback();
            }
            return false;
          }
        });
  }

  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    int updated =
        sql.run(
            "save",
            key,
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(updateSql)) {
                statement.setString(1, record.data());
                statement.setObject(2, toColumn(record.expiry()));
                statement.setLong(3, record.version());
                statement.setString(4, IndexedPrincipals.indexable(record, this));
                statement.setObject(5, toNullableColumn(record.saved()));
                statement.setString(6, key);
                statement.setLong(7, expectedVersion);
                return statement.executeUpdate();
              }
            });
    return updated > 0 ? ReplaceOutcome.REPLACED : ReplaceOutcome.CONFLICT;
  }

  @Override
  public boolean delete(String key) {
    return sql.deleteByKey(deleteSql, key);
  }

  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    return sql.removeExpired(
        selectExpiredSql, deleteExpiredSql, CLEANUP_BATCH, connection -> toColumn(now), removed);
  }

  /** Through the {@code principal_name} column and its index: one query. */
  @Override
  public List<IndexedSession> sessionsOf(String principal, Instant now) {
    return sql.run(
        "list",
        null,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(selectByPrincipalSql)) {
            statement.setString(1, principal);
            statement.setObject(2, toColumn(now));
            List<IndexedSession> sessions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                sessions.add(
                    new IndexedSession(
                        rows.getString(1),
                        fromNullableColumn(rows.getObject(2, LocalDateTime.class)),
                        fromNullableColumn(rows.getObject(3, LocalDateTime.class)),
                        fromColumn(rows.getObject(4, LocalDateTime.class)),
                        rows.getString(5)));
              }
            }
            return sessions;
          }
        });
  }

  @Override
  public StorageCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backend() {
    return "db";
  }

  @Override
  public String toString() {
    return "JdbcSessionStore[table " + tableName + "]";
  }

  private static @Nullable LocalDateTime toNullableColumn(@Nullable Instant instant) {
    return instant == null ? null : toColumn(instant);
  }

  private static @Nullable Instant fromNullableColumn(@Nullable LocalDateTime dateTime) {
    return dateTime == null ? null : fromColumn(dateTime);
  }

  private static LocalDateTime toColumn(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant fromColumn(LocalDateTime dateTime) {
    return dateTime.toInstant(ZoneOffset.UTC);
  }
}
