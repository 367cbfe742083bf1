package dev.sessionkit.django;

import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.spi.sql.SqlWork;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Session records in Django's own {@code django_session} table, exactly as Django's migration
 * creates it ({@code session_key varchar(40)} primary key, {@code session_data text}, {@code
 * expire_date} with time zone on PostgreSQL, {@code datetime(6)} in UTC on MySQL and MariaDB), with
 * nothing added.
 *
 * <p>Design. The table has no version column, so a record's version is derived from its data: the
 * first 60 bits of the MD5 of {@code session_data} (a change detector, not a security measure: only
 * holders of the secret key can write valid data). {@link #versionOf} gives the engine the same
 * number for what it writes, and a replace is one {@code UPDATE ... WHERE session_key = ? AND
 * LEFT(MD5(session_data), 15) = ?}: it writes only while the row still holds the data the session
 * loaded, so a concurrent save by Django or another instance is a conflict that the engine merges,
 * never a lost update. {@code LEFT} and {@code MD5} are PostgreSQL's and MySQL's/MariaDB's, the
 * databases Django and this storage share. As in {@code JdbcSessionStorage}, every operation is one
 * statement on a connection of its own, in auto-commit, never in the caller's transaction.
 */
final class DjangoSessionStorage implements SessionStorage {

  static final int CLEANUP_BATCH = 1_000;

  private static final int VERSION_HEX_DIGITS = 15;
  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final StorageCapabilities CAPABILITIES =
      StorageCapabilities.builder().compareAndSet(true).build();

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
  private volatile @Nullable Boolean zonedColumns;

  /**
   * @throws IllegalArgumentException when {@code tableName} is not a plain (optionally
   *     schema-qualified) SQL identifier
   */
  DjangoSessionStorage(DataSource dataSource, String tableName, Clock clock) {
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "Django session table name '"
              + tableName
              + "' is not a plain SQL identifier ([A-Za-z0-9_], optionally schema-qualified)");
    }
    this.sql = new SqlWork(dataSource, "Django session store (table " + tableName + ")");
    this.tableName = tableName;
    this.clock = clock;
    this.selectSql =
        "SELECT session_data, expire_date FROM "
            + tableName
            + " WHERE session_key = ? AND expire_date > ?";
    this.existsSql = "SELECT 1 FROM " + tableName + " WHERE session_key = ? AND expire_date > ?";
    this.insertSql =
        "INSERT INTO " + tableName + " (session_key, session_data, expire_date) VALUES (?, ?, ?)";
    this.updateSql =
        "UPDATE "
            + tableName
            + " SET session_data = ?, expire_date = ? WHERE session_key = ? AND LEFT(MD5("
            + "session_data), "
            + VERSION_HEX_DIGITS
            + ") = ? AND expire_date > ?";
    this.deleteSql = "DELETE FROM " + tableName + " WHERE session_key = ?";
    this.selectExpiredSql =
        "SELECT session_key FROM " + tableName + " WHERE expire_date <= ? LIMIT " + CLEANUP_BATCH;
    this.deleteExpiredSql =
        "DELETE FROM " + tableName + " WHERE session_key = ? AND expire_date <= ?";
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
            statement.setObject(2, toColumn(connection, clock.instant()));
            try (ResultSet row = statement.executeQuery()) {
              if (!row.next()) {
                return null;
              }
              String data = row.getString(1);
              return StoredRecord.builder()
                  .data(data)
                  .expiry(fromColumn(connection, row, 2))
                  .version(fingerprint(data))
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
            statement.setObject(2, toColumn(connection, now));
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
            statement.setObject(3, toColumn(connection, record.expiry()));
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

  /** Replaces the row only while its data still has the fingerprint {@code expectedVersion}. */
  @Override
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    if (expectedVersion < 0) {
      // the engine could not read the record it loaded; a fingerprint is never negative
      return ReplaceOutcome.CONFLICT;
    }
    int updated =
        sql.run(
            "save",
            key,
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(updateSql)) {
                statement.setString(1, record.data());
                statement.setObject(2, toColumn(connection, record.expiry()));
                statement.setString(3, key);
                statement.setString(4, hex(expectedVersion));
                // an expired row is never extended: the engine's reload then finds it gone
                statement.setObject(5, toColumn(connection, clock.instant()));
                return statement.executeUpdate();
              }
            });
    return updated > 0 ? ReplaceOutcome.REPLACED : ReplaceOutcome.CONFLICT;
  }

  /** The fingerprint of {@code data}, whatever version the engine proposes. */
  @Override
  public long versionOf(String data, long next) {
    return fingerprint(data);
  }

  @Override
  public boolean delete(String key) {
    return sql.deleteByKey(deleteSql, key);
  }

  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    return sql.removeExpired(
        selectExpiredSql,
        deleteExpiredSql,
        CLEANUP_BATCH,
        connection -> toColumn(connection, now),
        removed);
  }

  @Override
  public StorageCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backend() {
    return "django";
  }

  @Override
  public String toString() {
    return "DjangoSessionStore[table " + tableName + "]";
  }

  /**
   * The first {@value #VERSION_HEX_DIGITS} hex digits of the MD5 of {@code data} (as the SQL {@code
   * MD5} function computes it over the text), as a non-negative number.
   */
  static long fingerprint(String data) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(data.getBytes(StandardCharsets.UTF_8));
      return Long.parseLong(HexFormat.of().formatHex(digest, 0, 8), 0, VERSION_HEX_DIGITS, 16);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("MD5 is not available in this JDK", ex);
    }
  }

  private static String hex(long fingerprint) {
    String digits = Long.toHexString(fingerprint);
    return "0".repeat(VERSION_HEX_DIGITS - digits.length()) + digits;
  }

  /**
   * An instant as the column takes it: with its offset for PostgreSQL's {@code timestamp with time
   * zone}; as a UTC date-time for MySQL's and MariaDB's {@code datetime(6)}, where Django (with
   * {@code USE_TZ = True}) keeps UTC.
   */
  private Object toColumn(Connection connection, Instant instant) throws SQLException {
    return zoned(connection)
        ? instant.atOffset(ZoneOffset.UTC)
        : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private Instant fromColumn(Connection connection, ResultSet row, int column) throws SQLException {
    return zoned(connection)
        ? row.getObject(column, OffsetDateTime.class).toInstant()
        : row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }

  /** Whether the database keeps {@code expire_date} with its time zone (PostgreSQL's does). */
  private boolean zoned(Connection connection) throws SQLException {
    Boolean known = zonedColumns;
    if (known == null) {
      known =
          connection
              .getMetaData()
              .getDatabaseProductName()
              .toLowerCase(Locale.ROOT)
              .contains("postgres");
      zonedColumns = known;
    }
    return known;
  }
}
