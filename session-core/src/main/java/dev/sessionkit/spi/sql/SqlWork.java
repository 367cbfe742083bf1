package dev.sessionkit.spi.sql;

import dev.sessionkit.SessionStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How a storage that keeps sessions in a SQL table runs its statements: each unit of work on a
 * connection of its own, never in the caller's transaction, so that a handler that rolls back does
 * not undo a logout and a failed must-create insert does not abort the caller's transaction. Shared
 * by the backends on a database (the db backend's own table, Django's), which must not depend on
 * each other.
 *
 * <p>A failure becomes a {@link SessionStoreException} naming the store and the driver's reason,
 * with the session key blanked out if the driver quoted it (the driver's exception is then not
 * chained, since its message holds the key).
 */
public final class SqlWork {

  private final DataSource dataSource;
  private final String store;

  /**
   * @param store how failures name the store, such as {@code "Database session store (table
   *     sessionkit_session)"}
   */
  public SqlWork(DataSource dataSource, String store) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Runs {@code work} on a connection of its own, committed when the pool does not auto-commit.
   *
   * @param operation what failed, for the message ({@code "load"}, {@code "save"}, ...)
   * @param key the session key to blank out of a driver's message, or null
   */
  public <T> T run(String operation, @Nullable String key, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      if (connection.getAutoCommit()) {
        return work.run(connection);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException ex) {
        connection.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      String reason = String.valueOf(ex.getMessage());
      boolean namesKey = key != null && reason.contains(key);
      String message =
          store
              + " could not "
              + operation
              + " a session: "
              + (namesKey ? reason.replace(key, "<session key>") : reason);
      throw namesKey ? new SessionStoreException(message) : new SessionStoreException(message, ex);
    }
  }

  /**
   * Like {@link #run}, but the work's statements commit together even when the pool hands out
   * connections in auto-commit (a batch of deletes: one short transaction rather than one commit
   * per row); the connection goes back to the pool as it came.
   */
  public <T> T runInOneTransaction(String operation, Work<T> work) {
    return run(
        operation,
        null,
        connection -> {
          if (!connection.getAutoCommit()) {
            return work.run(connection);
          }
          connection.setAutoCommit(false);
          try {
            T result = work.run(connection);
            connection.commit();
            return result;
          } catch (SQLException | RuntimeException ex) {
            connection.rollback();
            throw ex;
          } finally {
            connection.setAutoCommit(true);
          }
        });
  }

  /**
   * Whether {@code ex} is a duplicate primary key: SQLState 23505 (PostgreSQL, H2), or 23000 with
   * MySQL's and MariaDB's error 1062. Other integrity violations are failures, not a key in use.
   */
  public static boolean isDuplicateKey(SQLException ex) {
    String state = ex.getSQLState();
    return "23505".equals(state) || ("23000".equals(state) && ex.getErrorCode() == 1062);
  }

  /**
   * The keys whose statement in an executed batch changed a row ({@code counts} in the order of
   * {@code keys}; a driver that cannot tell counts as changed).
   */
  public static List<String> changed(List<String> keys, int[] counts) {
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 || counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
        changed.add(keys.get(i));
      }
    }
    return changed;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
