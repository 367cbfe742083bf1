package dev.sessionkit.boot.jdbc;

import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties.InitializeSchema;
import dev.sessionkit.boot.cleanup.SessionCleanupLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the session table at startup, following {@code sessionkit.jdbc.initialize-schema}: with
 * the schema script core ships for the database found ({@code
 * dev/sessionkit/jdbc/schema-{h2,postgresql,mariadb,mysql}.sql}), rewritten for the configured
 * table name. Also creates the table of the {@linkplain SessionCleanupLock cleanup lock} beside it
 * ({@code dev/sessionkit/boot/cleanup-lock-schema-*.sql} in the starter, named after the session
 * table plus {@code _lock}). The scripts only create what does not exist, so running one again is
 * harmless. Runs before the store is first used; {@code initialize-schema=never} leaves the schema
 * to the application (Flyway, Liquibase).
 *
 * <p>Internal to the starter: public only so that the auto-configurations of the database backends
 * ({@code db} and {@code cached-db}, in other packages) create the table alike. Not API; it may
 * change in any release.
 */
public final class JdbcSessionSchemaInitializer {

  private static final Log logger = LogFactory.getLog(JdbcSessionSchemaInitializer.class);

  private static final Pattern SCRIPT_NAMES =
      Pattern.compile("\\bsessionkit_session(_expire_date_idx|_principal_name_idx|_lock)?\\b");

  /**
   * The columns the store reads and writes; a table made for an older release lacks version, or the
   * principal and timestamp columns.
   */
  private static final String COLUMNS =
      "session_key, session_data, expire_date, version, principal_name, created_at, saved_at";

  /** The columns of ShedLock's lock table. */
  private static final String LOCK_COLUMNS = "name, lock_until, locked_at, locked_by";

  private final DataSource dataSource;
  private final String tableName;
  private final InitializeSchema mode;

  /**
   * @param tableName the table of a {@link dev.sessionkit.jdbc.JdbcSessionStore}, which accepts
   *     only plain (optionally schema-qualified) SQL identifiers; create the store first
   */
  public JdbcSessionSchemaInitializer(
      DataSource dataSource, String tableName, InitializeSchema mode) {
    this.dataSource = dataSource;
    this.tableName = tableName;
    this.mode = mode;
  }

  /**
   * Runs the schema script if the mode asks for it; returns whether it ran. When it does not run
   * and the table is missing, logs a warning naming the property (sessions would fail on first
   * use).
   */
  public boolean initialize() {
    if (mode == InitializeSchema.NEVER
        || (mode == InitializeSchema.EMBEDDED
            && !EmbeddedDatabaseConnection.isEmbedded(dataSource))) {
      warnIfTableIsMissing();
      return false;
    }
    String platform = platform();
    String script =
        script("dev/sessionkit/jdbc/schema-" + platform + ".sql", platform)
            + "\n"
            + script("dev/sessionkit/boot/cleanup-lock-schema-" + platform + ".sql", platform);
    new ResourceDatabasePopulator(
            new ByteArrayResource(
                forTable(script, tableName).getBytes(StandardCharsets.UTF_8), "sessionkit schema"))
        .execute(dataSource);
    logger.debug("Initialized the session table " + tableName + " (" + platform + ")");
    return true;
  }

  private void warnIfTableIsMissing() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    warnUnlessReadable(
        jdbc,
        "cleanup lock",
        SessionCleanupLock.lockTableName(tableName),
        LOCK_COLUMNS,
        "expired sessions will not be removed",
        "Create it (see dev/sessionkit/boot/cleanup-lock-schema-*.sql in the starter)");
    warnUnlessReadable(
        jdbc,
        "session",
        tableName,
        COLUMNS,
        "sessions will fail",
        "Create or migrate it (see dev/sessionkit/jdbc/schema-*.sql in session-core)");
  }

  /** Warns, with what follows and how to mend it, when {@code table} has not {@code columns}. */
  private void warnUnlessReadable(
      JdbcTemplate jdbc,
      String kind,
      String table,
      String columns,
      String consequence,
      String remedy) {
    try {
      jdbc.queryForList("SELECT " + columns + " FROM " + table + " WHERE 1 = 0");
    } catch (DataAccessException ex) {
      logger.warn(
          "The "
              + kind
              + " table "
              + table
              + " cannot be read ("
              + ex.getMostSpecificCause().getMessage()
              + "); "
              + consequence
              + " until it exists with the columns "
              + columns
              + ". "
              + remedy
              + " or set sessionkit.jdbc.initialize-schema=always.");
    }
  }

  /** {@code script} with the table, index and lock table names of {@code tableName}. */
  static String forTable(String script, String tableName) {
    String unqualified = tableName.substring(tableName.indexOf('.') + 1);
    Matcher matcher = SCRIPT_NAMES.matcher(script);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String suffix = matcher.group(1);
      String replacement =
          suffix == null
              ? tableName
              : "_lock".equals(suffix)
                  ? SessionCleanupLock.lockTableName(tableName)
                  : unqualified + suffix;
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private String platform() {
    String productName;
    try {
      productName =
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (MetaDataAccessException ex) {
      throw new IllegalStateException(
          "Could not find out which database holds the session table"
              + " (sessionkit.jdbc.initialize-schema="
              + mode.name().toLowerCase()
              + ")",
          ex);
    }
    DatabaseDriver driver = DatabaseDriver.fromProductName(productName);
    return driver == DatabaseDriver.UNKNOWN ? String.valueOf(productName) : driver.getId();
  }

  private static String script(String location, String platform) {
    try (InputStream in =
        JdbcSessionSchemaInitializer.class.getClassLoader().getResourceAsStream(location)) {
      if (in == null) {
        throw new SessionkitConfigurationException(
            "sessionkit has no script to create the session table in a '"
                + platform
                + "' database (it ships scripts for H2, PostgreSQL, MariaDB and MySQL).",
            "Create the session table yourself (see dev/sessionkit/jdbc/schema-postgresql.sql in"
                + " session-core for its columns) and set"
                + " sessionkit.jdbc.initialize-schema=never.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new IllegalStateException("Could not read " + location, ex);
    }
  }
}
