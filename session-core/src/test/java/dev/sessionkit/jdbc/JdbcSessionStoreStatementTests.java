package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The database backend's speed budget, counted in SQL statements rather than timed: untouched costs
 * nothing, a read is one {@code SELECT}, a write one more statement.
 */
class JdbcSessionStoreStatementTests {

  private final List<String> statements = new ArrayList<>();
  private final List<String> transactionCalls = new ArrayList<>();
  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final SessionSettings settings = SessionSettings.builder().clock(clock).build();
  private JdbcDataSource h2;
  private JdbcSessionStore store;

  @BeforeEach
  void createStore() {
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:statements-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    new ResourceDatabasePopulator(new ClassPathResource("dev/sessionkit/jdbc/schema-h2.sql"))
        .execute(h2);
    store = new JdbcSessionStore(countingStatements(h2), settings);
  }

  @Test
  void openingASessionWithoutTouchingItRunsNoStatement() {
    String key = savedSessionKey();

    Session session = store.open(key);
    session.getSessionKey();
    session.isEmpty();

    assertThat(statements).isEmpty();
  }

  @Test
  void readingASessionRunsOneSelect() {
    String key = savedSessionKey();

    Session session = store.open(key);
    session.get("cart");
    session.get("user");
    session.keySet();

    assertThat(statements).singleElement().asString().startsWith("SELECT session_data");
  }

  @Test
  void changingASessionRunsOneSelectAndOneUpdate() {
    String key = savedSessionKey();

    Session session = store.open(key);
    session.put("cart", List.of("book", "pen"));
    session.save();

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).startsWith("SELECT session_data");
    assertThat(statements.get(1)).startsWith("UPDATE sessionkit_session");
  }

  @Test
  void savingANewSessionRunsOneInsert() {
    Session session = store.newSession();
    session.put("cart", List.of("book"));
    session.save();

    assertThat(statements).singleElement().asString().startsWith("INSERT INTO sessionkit_session");
  }

  @Test
  void aSaveThatMeetsAnotherInstancesSaveCostsOneReloadAndOneMoreUpdate() {
    String key = savedSessionKey();
    Session session = store.open(key);
    session.get("cart");
    JdbcSessionStore otherInstance = new JdbcSessionStore(h2, settings);
    Session other = otherInstance.open(key);
    other.put("user", "ada");
    other.save();
    statements.clear();

    session.put("theme", "dark");
    session.save();

    assertThat(statements).hasSize(3);
    assertThat(statements.get(0)).startsWith("UPDATE sessionkit_session");
    assertThat(statements.get(1)).startsWith("SELECT session_data");
    assertThat(statements.get(2)).startsWith("UPDATE sessionkit_session");
    assertThat(store.open(key).keySet()).containsExactlyInAnyOrder("cart", "user", "theme");
  }

  @Test
  void aSaveThatMeetsASaveOfTheSameStoreMergesWithoutAReloadInOneUpdate() {
    String key = savedSessionKey();
    Session session = store.open(key);
    session.get("cart");
    Session other = store.open(key);
    other.put("user", "ada");
    other.save();
    statements.clear();

    session.put("theme", "dark");
    session.save();

    assertThat(statements).singleElement().asString().startsWith("UPDATE sessionkit_session");
    assertThat(store.open(key).keySet()).containsExactlyInAnyOrder("cart", "user", "theme");
  }

  @Test
  void clearingExpiredSessionsSelectsABatchOfKeysAndDeletesThemInOneBatch() {
    savedSessionKey();
    savedSessionKey();
    statements.clear();
    clock.advance(Duration.ofDays(15));

    assertThat(store.clearExpired()).isEqualTo(2);
    assertThat(statements)
        .containsExactly(
            "SELECT session_key FROM sessionkit_session WHERE expire_date <= ? LIMIT "
                + JdbcSessionStorage.CLEANUP_BATCH,
            "DELETE FROM sessionkit_session WHERE session_key = ? AND expire_date <= ?");
  }

  @Test
  void eachBatchOfDeletesCommitsOnceInsteadOfOncePerRow() {
    savedSessionKey();
    savedSessionKey();
    savedSessionKey();
    transactionCalls.clear();
    clock.advance(Duration.ofDays(15));

    assertThat(store.clearExpired()).isEqualTo(3);
    assertThat(transactionCalls)
        .containsExactly("setAutoCommit(false)", "commit()", "setAutoCommit(true)");
  }

  private String savedSessionKey() {
    Session session = store.newSession();
    session.put("cart", List.of("book"));
    session.save();
    statements.clear();
    return session.getSessionKey();
  }

  /** Wraps every connection so that each statement prepared through it is recorded. */
  private DataSource countingStatements(DataSource target) {
    return new DelegatingDataSource(target) {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        Connection connection = super.getConnection();
        return (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setAutoCommit")
                      || method.getName().equals("commit")
                      || method.getName().equals("rollback")) {
                    transactionCalls.add(
                        method.getName() + (args == null ? "()" : "(" + args[0] + ")"));
                  }
                  if (method.getName().startsWith("prepare")
                      || method.getName().equals("createStatement")) {
                    statements.add(args == null ? "<statement>" : String.valueOf(args[0]));
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException ex) {
                    throw ex.getCause();
                  }
                });
      }
    };
  }
}
