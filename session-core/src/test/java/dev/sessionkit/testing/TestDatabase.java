package dev.sessionkit.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A real database for a test class, as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase database = TestDatabase.postgresql();
 * ...
 * new JdbcSessionStore(database.dataSource(), settings);
 * }</pre>
 *
 * <p>H2 runs in memory; PostgreSQL ({@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code
 * postgres}, trust) and MariaDB ({@code jdbc:mariadb://127.0.0.1:3306/test}, user {@code root},
 * empty password) must be running on loopback. Each database is connected once per JVM, with a
 * small HikariCP pool, and closed when the test run ends; see {@link ServiceAvailability} for what
 * happens when a server is down (skip, or fail under {@code -Dsessionkit.require-services=true}).
 *
 * <p>So that concurrent test runs on one machine cannot disturb each other, every run works in a
 * schema (PostgreSQL) or database (MariaDB) of its own, dropped at the end. The session table is
 * created there from the script the jar ships ({@code dev/sessionkit/jdbc/schema-<db>.sql}) and
 * emptied before each test.
 */
public final class TestDatabase implements BeforeEachCallback {

  /** The table the shipped schema scripts create. */
  public static final String TABLE = "sessionkit_session";

  private static final Namespace NAMESPACE = Namespace.create(TestDatabase.class);
  private static final String RUN_ID = runId();

  private final Engine engine;
  private @Nullable RunningDatabase running;

  private TestDatabase(Engine engine) {
    this.engine = engine;
  }

  /** H2 in memory; always available. */
  public static TestDatabase h2() {
    return new TestDatabase(Engine.H2);
  }

  /** PostgreSQL on 127.0.0.1:5432, database {@code test}, user {@code postgres}. */
  public static TestDatabase postgresql() {
    return new TestDatabase(Engine.POSTGRESQL);
  }

  /** MariaDB on 127.0.0.1:3306, user {@code root}, empty password. */
  public static TestDatabase mariadb() {
    return new TestDatabase(Engine.MARIADB);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void beforeEach(ExtensionContext context) {
    ServiceAvailability<RunningDatabase> availability =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(engine, TestDatabase::start, ServiceAvailability.class);
    RunningDatabase database = availability.require();
    database.jdbc.update("DELETE FROM " + TABLE);
    running = database;
  }

  /** The pooled data source of the current test run; valid inside a test. */
  public DataSource dataSource() {
    return running().pool;
  }

  /** A {@link JdbcTemplate} on {@link #dataSource()}, for reading and writing rows directly. */
  public JdbcTemplate jdbc() {
    return running().jdbc;
  }

  /** A separate pool on the same database, for a test that closes it; the caller closes it. */
  public HikariDataSource newPool() {
    RunningDatabase database = running();
    return pool(
        engine.displayName + "-extra", database.url, engine.user, engine.password, database.schema);
  }

  /**
   * This database for a test that JUnit Jupiter extensions do not reach (a jqwik property): a
   * schema (PostgreSQL) or database (MariaDB, H2) of its own, named after {@code purpose} and this
   * run, holding the session table. The caller closes it, which drops what it created.
   *
   * @param purpose lower-case letters, digits and underscores
   * @throws SQLException or another exception when the server is unreachable
   */
  public Standalone standalone(String purpose) throws SQLException {
    if (!purpose.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("purpose must be [a-z0-9_]+, not " + purpose);
    }
    return open(engine, "sessionkit_" + purpose + "_" + RUN_ID);
  }

  /** A database opened by {@link #standalone(String)}; closing it drops what it created. */
  public interface Standalone extends AutoCloseable {

    /** The pooled data source. */
    DataSource dataSource();

    /** A {@link JdbcTemplate} on {@link #dataSource()}, for reading and writing rows directly. */
    JdbcTemplate jdbc();

    @Override
    void close() throws SQLException;
  }

  @Override
  public String toString() {
    return "TestDatabase[" + engine.displayName + "]";
  }

  private RunningDatabase running() {
    RunningDatabase database = running;
    if (database == null) {
      throw new IllegalStateException(
          this
              + " is only available inside a test; register it with"
              + " @RegisterExtension on a static field");
    }
    return database;
  }

  // ---- starting and stopping, once per JVM -------------------------------------------------

  private static ServiceAvailability<RunningDatabase> start(Engine engine) {
    String where = engine.displayName + " at " + engine.serverUrl;
    try {
      return ServiceAvailability.up(where, open(engine, "sessionkit_test_" + RUN_ID));
    } catch (SQLException | RuntimeException ex) {
      return ServiceAvailability.down(where, ServiceAvailability.describe(ex));
    }
  }

  /** Opens a database, schema or in-memory database named {@code name}, with the session table. */
  private static RunningDatabase open(Engine engine, String name) throws SQLException {
    return switch (engine) {
      case H2 -> startH2(name);
      case POSTGRESQL ->
          startIsolated(engine, name, "CREATE SCHEMA ", "DROP SCHEMA IF EXISTS ", " CASCADE");
      case MARIADB ->
          startIsolated(engine, name, "CREATE DATABASE ", "DROP DATABASE IF EXISTS ", "");
    };
  }

  private static RunningDatabase startH2(String name) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    HikariDataSource pool = pool("H2", url, Engine.H2.user, Engine.H2.password, null);
    return RunningDatabase.populated(Engine.H2, url, null, pool, url, "SHUTDOWN");
  }

  /**
   * Connects to the server's {@code test} database, creates a schema (PostgreSQL) or database
   * (MariaDB) named {@code name}, and opens the pool inside it.
   */
  private static RunningDatabase startIsolated(
      Engine engine, String name, String create, String drop, String dropSuffix)
      throws SQLException {
    execute(engine.serverUrl, engine, create + name);
    String url =
        engine == Engine.MARIADB
            ? engine.serverUrl.replace("/test?", "/" + name + "?")
            : engine.serverUrl;
    String schema = engine == Engine.POSTGRESQL ? name : null;
    String dropSql = drop + name + dropSuffix;
    HikariDataSource pool;
    try {
      pool = pool(engine.displayName, url, engine.user, engine.password, schema);
    } catch (RuntimeException ex) {
      execute(engine.serverUrl, engine, dropSql);
      throw ex;
    }
    return RunningDatabase.populated(engine, url, schema, pool, engine.serverUrl, dropSql);
  }

  /** Runs one statement on a connection of its own, outside the pool. */
  private static void execute(String url, Engine engine, String sql) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", engine.user);
    properties.setProperty("password", engine.password);
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static HikariDataSource pool(
      String name, String url, String user, String password, @Nullable String schema) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("sessionkit-test-" + name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    if (schema != null) {
      config.setSchema(schema);
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(2_500);
    config.setInitializationFailTimeout(2_500);
    return new HikariDataSource(config);
  }

  private static String runId() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      id.append(Character.forDigit(random.nextInt(36), 36));
    }
    return id.toString();
  }

  /** The three databases, with short connect timeouts so a stopped server is noticed quickly. */
  private enum Engine {
    H2("H2", "h2", "jdbc:h2:mem:", "sa", ""),
    POSTGRESQL(
        "PostgreSQL",
        "postgresql",
        "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2&loginTimeout=3&socketTimeout=60",
        "postgres",
        ""),
    MARIADB(
        "MariaDB",
        "mariadb",
        "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=2000&socketTimeout=60000",
        "root",
        "");

    final String displayName;
    final String scriptName;
    final String serverUrl;
    final String user;
    final String password;

    Engine(String displayName, String scriptName, String serverUrl, String user, String password) {
      this.displayName = displayName;
      this.scriptName = scriptName;
      this.serverUrl = serverUrl;
      this.user = user;
      this.password = password;
    }
  }

  /**
   * A started database: its pool, and the statement that removes what this run created (run on a
   * connection of its own once the pool is closed).
   */
  private static final class RunningDatabase implements Standalone {

    final Engine engine;
    final String url;
    final @Nullable String schema;
    final HikariDataSource pool;
    final JdbcTemplate jdbc;
    private final String cleanupUrl;
    private final String cleanupSql;

    private RunningDatabase(
        Engine engine,
        String url,
        @Nullable String schema,
        HikariDataSource pool,
        String cleanupUrl,
        String cleanupSql) {
      this.engine = engine;
      this.url = url;
      this.schema = schema;
      this.pool = pool;
      this.jdbc = new JdbcTemplate(pool);
      this.cleanupUrl = cleanupUrl;
      this.cleanupSql = cleanupSql;
    }

    @Override
    public DataSource dataSource() {
      return pool;
    }

    @Override
    public JdbcTemplate jdbc() {
      return jdbc;
    }

    /** Creates the session table from the script shipped in the jar. */
    static RunningDatabase populated(
        Engine engine,
        String url,
        @Nullable String schema,
        HikariDataSource pool,
        String cleanupUrl,
        String cleanupSql)
        throws SQLException {
      RunningDatabase database =
          new RunningDatabase(engine, url, schema, pool, cleanupUrl, cleanupSql);
      try {
        new ResourceDatabasePopulator(
                new ClassPathResource("dev/sessionkit/jdbc/schema-" + engine.scriptName + ".sql"))
            .execute(pool);
      } catch (RuntimeException ex) {
        database.close();
        throw ex;
      }
      return database;
    }

    @Override
    public void close() throws SQLException {
      pool.close();
      execute(cleanupUrl, engine, cleanupSql);
    }
  }
}
