package dev.sessionkit.benchmarks.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A PostgreSQL schema or MariaDB database of a run's own on loopback, dropped and created again at
 * the start, with the session table from the script the core jar ships, and rows inserted in bulk
 * by one statement each (PostgreSQL's {@code generate_series}, MariaDB's sequence engine).
 *
 * <p>Row {@code i} of a kind ({@code l} live, {@code e} expired) has the key {@code md5(kind ||
 * i)}: 32 characters of {@code [0-9a-f]}, a valid session key that the Java side can compute to
 * load it. Its data is a JSON object of about 200 bytes, as a logged-in user's session with a small
 * cart.
 */
final class BenchDatabase implements AutoCloseable {

  static final String TABLE = "sessionkit_session";

  private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/test";

  final String engine;
  final String name;
  final HikariDataSource pool;
  final JdbcTemplate jdbc;

  private BenchDatabase(String engine, String name, HikariDataSource pool) {
    this.engine = engine;
    this.name = name;
    this.pool = pool;
    this.jdbc = new JdbcTemplate(pool);
  }

  /**
   * @param engine {@code postgresql} or {@code mariadb}
   * @param name the schema (PostgreSQL) or database (MariaDB), dropped if it exists
   */
  static BenchDatabase fresh(String engine, String name, int poolSize) throws SQLException {
    String url;
    String user;
    if (engine.equals("postgresql")) {
      url = System.getProperty("bench.pg.url", PG_SERVER);
      user = "postgres";
      execute(url, user, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
      execute(url, user, "CREATE SCHEMA " + name);
    } else if (engine.equals("mariadb")) {
      String server = System.getProperty("bench.mariadb.url", MARIADB_SERVER);
      user = "root";
      execute(server, user, "DROP DATABASE IF EXISTS " + name);
      execute(server, user, "CREATE DATABASE " + name);
      url = server.replace("/test", "/" + name);
    } else {
      throw new IllegalArgumentException("bench.db must be postgresql or mariadb, not " + engine);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + engine);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    if (engine.equals("postgresql")) {
      config.setSchema(name);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    HikariDataSource pool = new HikariDataSource(config);
    new ResourceDatabasePopulator(
            new ClassPathResource("dev/sessionkit/jdbc/schema-" + engine + ".sql"))
        .execute(pool);
    return new BenchDatabase(engine, name, pool);
  }

  /** Inserts rows {@code from} to {@code to} (both included) of a kind, expiring at {@code at}. */
  void insert(char kind, long from, long to, Instant at) {
    if (to < from) {
      return;
    }
    String data =
        engine.equals("postgresql")
            ? "'{\"user_id\":' || i || ',\"cart\":[{\"sku\":\"A-100\",\"qty\":2},"
                + "{\"sku\":\"B-200\",\"qty\":1}],\"csrf\":\"' || md5('c' || i)"
                + " || '\",\"theme\":\"dark\",\"n\":0}'"
            : "CONCAT('{\"user_id\":', seq, ',\"cart\":[{\"sku\":\"A-100\",\"qty\":2},"
                + "{\"sku\":\"B-200\",\"qty\":1}],\"csrf\":\"', MD5(CONCAT('c', seq)),"
                + " '\",\"theme\":\"dark\",\"n\":0}')";
    String sql =
        engine.equals("postgresql")
            ? "INSERT INTO "
                + TABLE
                + " (session_key, session_data, expire_date, version)"
                + " SELECT md5(? || i), "
                + data
                + ", ?, 0 FROM generate_series("
                + from
                + "::bigint, "
                + to
                + "::bigint) AS i"
            : "INSERT INTO "
                + TABLE
                + " (session_key, session_data, expire_date, version)"
                + " SELECT MD5(CONCAT(?, seq)), "
                + data
                + ", ?, 0 FROM seq_"
                + from
                + "_to_"
                + to;
    jdbc.update(sql, String.valueOf(kind), LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  /** Refreshes the planner's statistics after a bulk insert, as autovacuum would later. */
  void analyze() {
    jdbc.execute((engine.equals("postgresql") ? "ANALYZE " : "ANALYZE TABLE ") + TABLE);
  }

  long rows() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
    return count == null ? 0 : count;
  }

  /** The server's version string. */
  String version() {
    return String.valueOf(jdbc.queryForObject("SELECT version()", String.class));
  }

  /** The key of row {@code i} of a kind, as {@link #insert} wrote it. */
  static String key(char kind, long i) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of()
          .formatHex(md5.digest((kind + Long.toString(i)).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static void execute(String url, String user, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
