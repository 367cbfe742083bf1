package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cookies} profile keeps the cart in an encrypted cookie: nothing on the server, and the
 * cart is still there after a restart with the same secret.
 */
class CookiesProfileTests {

  @TempDir Path dataDirectory;

  @Test
  void cookiesProfileKeepsTheCartInTheCookieAcrossARestart() {
    Visitor visitor;
    int port;
    try (RunningShop shop = RunningShop.start("cookies", 0, dataDirectory)) {
      port = shop.port();
      visitor = Visitor.on(port);

      visitor.addToCart("stickers");

      assertThat(shop.store().exists(visitor.sessionKey())).isFalse();
      assertThat(visitor.get("/cart").body()).contains("cart-row-stickers");
      assertThat(visitor.get("/session").body()).contains("encrypted-cookies");
    }
    try (RunningShop restarted = RunningShop.start("cookies", port, dataDirectory)) {
      assertThat(visitor.get("/cart").body()).contains("cart-row-stickers");
    }
  }
}
