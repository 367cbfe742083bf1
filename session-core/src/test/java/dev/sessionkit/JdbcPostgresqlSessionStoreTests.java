package dev.sessionkit;

import dev.sessionkit.testing.LoopbackPorts;
import dev.sessionkit.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The session store contract on PostgreSQL at 127.0.0.1:5432; skipped when it is not running,
 * unless {@code -Dsessionkit.require-services=true}.
 */
class JdbcPostgresqlSessionStoreTests extends JdbcSessionStoreContractTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.postgresql();

  @Override
  TestDatabase database() {
    return database;
  }

  @Test
  void storeOnAServerThatIsNotListeningThrowsSessionStoreExceptionNamingTheTable() {
    String key = storedSession(Map.of("a", 1));
    DriverManagerDataSource unreachable =
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:" + LoopbackPorts.closed() + "/test?connectTimeout=2",
            "postgres",
            "");

    assertEveryOperationFailsNamingTheTable(unreachable, key);
  }
}
