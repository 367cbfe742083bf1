package dev.sessionkit.spi.sql;

import dev.sessionkit.SessionStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
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
 * with the session keys the work used blanked out if the driver quoted one, in its message or in
 * any exception chained to it (the driver's exception is then not chained, since it holds the key;
 * a batch's failure, such as PostgreSQL's {@code BatchUpdateException}, quotes its statements).
 */
public final class SqlWork {

  /** How many chained exceptions are searched for a key; beyond, the chain is not kept. */
  private static final int MAX_CHAINED_EXCEPTIONS = 64;

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
    return run(operation, key == null ? List.of() : List.of(key), work);
  }

  private <T> T run(String operation, Collection<String> keys, Work<T> work) {
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
      for (String key : keys) {
        reason = reason.replace(key, "<session key>");
      }
      String message = store + " could not " + operation + " a session: " + reason;
      throw namesAnyKey(ex, keys)
          ? new SessionStoreException(message)
          : new SessionStoreException(message, ex);
    }
  }

  /**
   * Whether the message of {@code failure}, of an exception chained to it as its cause or as a
   * {@link SQLException#getNextException() next exception}, names one of {@code keys}.
   */
  private static boolean namesAnyKey(SQLException failure, Collection<String> keys) {
    if (keys.isEmpty()) {
      return false;
    }
    Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!pending.isEmpty() && seen.size() < MAX_CHAINED_EXCEPTIONS) {
      Throwable next = pending.pop();
      if (!seen.add(next)) {
        continue;
      }
      String text = String.valueOf(next.getMessage());
      if (keys.stream().anyMatch(text::contains)) {
        return true;
      }
      if (next.getCause() != null) {
        pending.push(next.getCause());
      }
      if (next instanceof SQLException sql && sql.getNextException() != null) {
        pending.push(sql.getNextException());
      }
    }
    return seen.size() >= MAX_CHAINED_EXCEPTIONS;
  }

  /**
   * Like {@link #run}, but the work's statements commit together even when the pool hands out
   * connections in auto-commit (a batch of deletes: one short transaction rather than one commit
   * per row); the connection goes back to the pool as it came.
   */
  private <T> T runInOneTransaction(String operation, Collection<String> keys, Work<T> work) {
    return run(
        operation,
        keys,
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
   * Runs {@code deleteByKey}, a {@code DELETE} with the session key as its one parameter; returns
   * whether it removed a row.
   */
  public boolean deleteByKey(String deleteByKey, String key) {
    return run(
        "delete",
        key,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(deleteByKey)) {
            statement.setString(1, key);
            return statement.executeUpdate() > 0;
          }
        });
  }

  /**
   * Removes expired sessions batch after batch, telling {@code removed} each key, until a batch
   * comes back short or removes nothing; returns how many were removed. Each batch is a query of up
   * to {@code batchSize} expired keys ({@code selectExpiredKeys}, with {@code now} as its one
   * parameter), then one JDBC batch of {@code deleteIfExpired} (parameters: the key, {@code now}),
   * committed once: one short transaction per batch, and a row saved meanwhile is kept.
   */
  public int removeExpired(
      String selectExpiredKeys,
      String deleteIfExpired,
      int batchSize,
      Parameter now,
      Consumer<String> removed) {
    int total = 0;
    while (true) {
      List<String> expired = selectKeys(selectExpiredKeys, now);
      List<String> deleted = deleteKeys(deleteIfExpired, expired, now);
      deleted.forEach(removed);
      total += deleted.size();
      if (expired.size() < batchSize || deleted.isEmpty()) {
        return total;
      }
    }
  }

  private List<String> selectKeys(String query, Parameter now) {
    return run(
        "clear expired",
        List.of(),
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setObject(1, now.on(connection));
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                keys.add(rows.getString(1));
              }
            }
            return keys;
          }
        });
  }

  private List<String> deleteKeys(String delete, List<String> keys, Parameter now) {
    if (keys.isEmpty()) {
      return keys;
    }
    return runInOneTransaction(
        "clear expired",
        keys,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(delete)) {
            Object nowValue = now.on(connection);
            for (String key : keys) {
              statement.setString(1, key);
              statement.setObject(2, nowValue);
              statement.addBatch();
            }
            return changed(keys, statement.executeBatch());
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
  private static List<String> changed(List<String> keys, int[] counts) {
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 || counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
        changed.add(keys.get(i));
      }
    }
    return changed;
  }

  /** A statement parameter that may depend on the connection (how a database keeps times). */
  @FunctionalInterface
  public interface Parameter {
    @Nullable Object on(Connection connection) throws SQLException;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
