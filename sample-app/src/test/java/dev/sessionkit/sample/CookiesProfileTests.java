package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cookies} profile keeps the cart in an encrypted cookie: nothing on the server, and the
 * cart is still there after a restart with the same secret. With no server-side list of a user's
 * sessions, "Your devices" says it cannot list them.
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

  @Test
  void cookiesProfileDevicesPageSaysTheBackendCannotListDevicesAndOffersNoSignOut() {
    try (RunningShop shop = RunningShop.start("cookies", 0, dataDirectory)) {
      Visitor visitor = Visitor.on(shop.port());
      visitor.logIn("alice", "wonderland", false);

      Page page = visitor.get("/account/devices");

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .contains("id=\"devices-unavailable\"", "cannot list your devices")
          .doesNotContain("id=\"sign-out-others\"", "id=\"devices-table\"");
      Page signOut = visitor.submit(page, "/account/devices/sign-out-others");
      assertThat(signOut.status()).isEqualTo(302);
      assertThat(visitor.get("/account").body()).contains("id=\"account-username\">alice<");
    }
  }
}
