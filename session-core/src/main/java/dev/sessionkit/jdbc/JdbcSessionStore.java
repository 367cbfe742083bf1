package dev.sessionkit.jdbc;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.SessionStorage;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Keeps sessions in a database table, one row per session:
 *
 * <pre>{@code
 * SessionStore store = new JdbcSessionStore(dataSource);
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE_NAME} unless named otherwise) is created by the schema
 * script for the database, shipped as {@code dev/sessionkit/jdbc/schema-{h2,postgresql,mariadb,
 * mysql}.sql}. Every operation is one statement in auto-commit, on a connection of its own (never
 * the caller's transaction): a load is one {@code SELECT} that never returns an expired row; a save
 * one {@code UPDATE} that checks the version the session loaded, so concurrent saves merge instead
 * of overwriting; must-create one {@code INSERT} that a duplicate key fails. {@link
 * #clearExpired()} deletes expired rows in batches of a thousand. Expiry instants are stored as UTC
 * date-times, so servers in different time zones agree.
 */
public final class JdbcSessionStore extends StorageSessionStore {

  /** The table used unless another is named. */
  public static final String DEFAULT_TABLE_NAME = "sessionkit_session";

  private final String tableName;

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
    this(new JdbcSessionStorage(dataSource, tableName, settings.clock()), settings);
  }

  private JdbcSessionStore(JdbcSessionStorage storage, SessionSettings settings) {
    super(storage, settings);
    this.tableName = storage.tableName();
  }

  /**
   * The storage under this store, for composites that combine it with another storage, such as
   * {@code dev.sessionkit.cacheddb.CachedDbSessionStore}: SPI, not meant for applications, which
   * use the constructors.
   *
   * @param clock the clock that decides which rows have expired (the composite's settings' clock)
   * @throws IllegalArgumentException when {@code tableName} is not a plain (optionally
   *     schema-qualified) SQL identifier
   */
  public static SessionStorage storage(DataSource dataSource, String tableName, Clock clock) {
    return new JdbcSessionStorage(dataSource, tableName, clock);
  }

  /** The table sessions are stored in. */
  public String tableName() {
    return tableName;
  }
}
