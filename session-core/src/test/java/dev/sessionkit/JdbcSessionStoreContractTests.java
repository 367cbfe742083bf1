package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contract on {@link JdbcSessionStore}; one subclass per database supplies the {@link
 * TestDatabase}. Records are reached directly through SQL on the shipped table.
 */
abstract class JdbcSessionStoreContractTests extends SessionStoreContractTests
    implements ConcurrentSavesContract, PrincipalIndexContract {

  /** The database of the subclass, registered there with {@code @RegisterExtension}. */
  abstract TestDatabase database();

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new JdbcSessionStore(database().dataSource(), settings);
  }

  /** A second store on the same database, as a second instance of the application would have. */
  @Override
  public StorageSessionStore otherStore() {
    return new JdbcSessionStore(database().dataSource(), settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    int updated =
        database()
            .jdbc()
            .update(
                "UPDATE " + TestDatabase.TABLE + " SET session_data = ? WHERE session_key = ?",
                rawData,
                sessionKey);
    assertThat(updated).as("rows updated").isEqualTo(1);
  }

  @Override
  boolean isStored(String sessionKey) {
    Integer rows =
        database()
            .jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM " + TestDatabase.TABLE + " WHERE session_key = ?",
                Integer.class,
                sessionKey);
    return rows != null && rows > 0;
  }

  @Test
  void deleteInsideACallersTransactionThatRollsBackStaysDeleted() {
    String key = storedSession(Map.of("a", 1));

    callersTransaction()
        .executeWithoutResult(
            status -> {
              store.delete(key);
              status.setRollbackOnly();
            });

    assertThat(isStored(key)).isFalse();
  }

  @Test
  void saveInsideACallersTransactionThatRollsBackStaysSaved() {
    String key = storedSession(Map.of("a", 1));

    callersTransaction()
        .executeWithoutResult(
            status -> {
              Session session = store.open(key);
              session.put("b", 2);
              session.save();
              status.setRollbackOnly();
            });

    assertThat(store.open(key).get("b")).isEqualTo(2);
  }

  @Test
  void failedMustCreateInsideACallersTransactionLeavesThatTransactionUsable() {
    String key = storedSession(Map.of("a", 1));
    JdbcTemplate callersJdbc = new JdbcTemplate(database().dataSource());

    Integer afterwards =
        callersTransaction()
            .execute(
                status -> {
                  Session session = store.open(key);
                  session.get("a");
                  assertThatThrownBy(() -> session.save(true))
                      .isInstanceOf(SessionKeyExistsException.class);
                  return callersJdbc.queryForObject(
                      "SELECT COUNT(*) FROM " + TestDatabase.TABLE, Integer.class);
                });

    assertThat(afterwards).isEqualTo(1);
  }

  /** A transaction of the application's, on the same data source as the store. */
  private TransactionTemplate callersTransaction() {
    return new TransactionTemplate(new DataSourceTransactionManager(database().dataSource()));
  }

  @Test
  void cleanupTheDatabaseRefusesFailsWithoutNamingAnySessionKey() {
    String referenced = storedSession(Map.of("a", 1));
    String other = storedSession(Map.of("b", 2));
    clock.advance(Duration.ofDays(15));
    String child = "sessionkit_test_child";
    String product =
        database()
            .jdbc()
            .execute(
                (ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName());
    String keyType =
        "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product)
            ? "VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin"
            : "VARCHAR(40)";
    database().jdbc().execute("DROP TABLE IF EXISTS " + child);
    database()
        .jdbc()
        .execute(
            "CREATE TABLE "
                + child
                + " (k "
                + keyType
                + " REFERENCES "
                + TestDatabase.TABLE
                + " (session_key))");
    database().jdbc().update("INSERT INTO " + child + " VALUES (?)", referenced);
    try {
      Throwable failure = catchThrowable(store::clearExpired);

      assertThat(failure).isInstanceOf(SessionStoreException.class);
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain(referenced).doesNotContain(other);
    } finally {
      database().jdbc().execute("DROP TABLE " + child);
    }
  }

  @Test
  void storeOnAClosedConnectionPoolThrowsSessionStoreExceptionNamingTheTable() {
    String key = storedSession(Map.of("a", 1));
    HikariDataSource pool = database().newPool();
    pool.close();

    assertEveryOperationFailsNamingTheTable(pool, key);
  }

  /**
   * Asserts that loading, creating, checking, deleting and clearing sessions on a store over {@code
   * unusable} throw a {@link SessionStoreException} naming the table but not the key, and that the
   * listener hears of each failure.
   */
  void assertEveryOperationFailsNamingTheTable(DataSource unusable, String storedKey) {
    JdbcSessionStore down = new JdbcSessionStore(unusable, settings);
    down.addListener(listener);
    Session stored = down.open(storedKey);
    Session fresh = down.newSession();
    fresh.put("a", 1);

    assertFailsNamingTheTable(() -> stored.get("a"), storedKey);
    assertFailsNamingTheTable(fresh::save, storedKey);
    assertFailsNamingTheTable(() -> down.exists(storedKey), storedKey);
    assertFailsNamingTheTable(() -> down.delete(storedKey), storedKey);
    assertFailsNamingTheTable(down::clearExpired, storedKey);
    assertThat(listener.failedOperations()).contains("load", "create", "delete");
    assertThat(store.exists(storedKey)).as("the record is untouched").isTrue();
  }

  private static void assertFailsNamingTheTable(ThrowingCallable operation, String storedKey) {
    assertThatThrownBy(operation)
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining(TestDatabase.TABLE)
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(storedKey));
  }
}
