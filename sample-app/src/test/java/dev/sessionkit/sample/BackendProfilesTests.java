package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The profiles for the server backends start the shop on their server and keep a cart there:
 * PostgreSQL and MariaDB through the db backend, Redis through the native redis backend. A profile
 * whose server is not running is skipped (failed under {@code -Dsessionkit.require-services=true}).
 */
class BackendProfilesTests {

  @TempDir Path dataDirectory;

  @ParameterizedTest(name = "profile {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "postgres | PostgreSQL | 5432 | JdbcSessionStore[table sessionkit_session]",
        "mariadb  | MariaDB    | 3306 | JdbcSessionStore[table sessionkit_session]",
        "redis    | Redis      | 6379 | Redis session store (prefix sessionkit-sample:session:)",
        "cached-db | Redis     | 6379 | cached in Redis session store (prefix sessionkit-sample:cached-db:)"
      })
  void profileKeepsTheCartOnItsServer(
      String profile, String server, int serverPort, String backend) {
    RequiredServices.requireListening(server, serverPort);
    try (RunningShop shop = RunningShop.start(profile, 0, dataDirectory)) {
      Visitor visitor = Visitor.on(shop.port());

      visitor.addToCart("stickers");

      assertThat(shop.store().exists(visitor.sessionKey())).isTrue();
      assertThat(visitor.get("/cart").body()).contains("cart-row-stickers");
      assertThat(visitor.get("/session").body()).contains(backend);
    }
  }
}
