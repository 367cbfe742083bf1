package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every form needs the session's token; anything else answers 403 and changes nothing. */
@ShopOverHttpTest
class CsrfHttpTests {

  @LocalServerPort int port;

  @Autowired SessionStore store;

  Visitor visitor;

  @BeforeEach
  void newVisitor() {
    visitor = Visitor.on(port);
  }

  @Test
  void formWithoutTokenIsForbiddenAndChangesNothing() {
    visitor.get("/");

    Page page = visitor.post("/cart/add", "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("id=\"csrf-failure\"");
    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
  }

  @Test
  void formWithAWrongTokenIsForbidden() {
    visitor.get("/");

    Page page = visitor.post("/cart/add", "_csrf", "forged", "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
  }

  @Test
  void tokenOfAnotherSessionIsForbidden() {
    String othersToken = Visitor.on(port).get("/").csrfToken();
    visitor.get("/");

    Page page = visitor.post("/cart/add", "_csrf", othersToken, "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
  }

  @Test
  void formFromABrowserWithoutSessionIsForbidden() {
    String token = Visitor.on(port).get("/").csrfToken();

    Page page = Visitor.refusingCookies(port).post("/cart/add", "_csrf", token, "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("id=\"csrf-failure\"");
  }

  @Test
  void formAfterTheSessionExpiredIsForbiddenAndTheReloadedFormWorks() {
    String token = visitor.get("/").csrfToken();
    store.delete(visitor.sessionKey());

    Page page = visitor.post("/cart/add", "_csrf", token, "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
    assertThat(visitor.addToCart("mug").status()).isEqualTo(302);
  }

  @Test
  void tokenInTheHeaderIsAccepted() {
    String token = visitor.get("/").csrfToken();

    Page page = visitor.postWithHeader("/cart/add", "X-CSRF-TOKEN", token, "sku", "mug");

    assertThat(page.status()).isEqualTo(302);
  }

  @Test
  void logoutWithoutTokenIsForbiddenAndKeepsTheUserLoggedIn() {
    visitor.logIn("alice", "wonderland", false);

    Page page = visitor.post("/logout");

    assertThat(page.status()).isEqualTo(403);
    assertThat(visitor.get("/").body()).contains("id=\"current-user\">Alice<");
  }

  @Test
  void loginWithAWrongTokenIsForbiddenWhenTheSessionHoldsOne() {
    visitor.get("/login");

    Page page =
        visitor.post("/login", "_csrf", "forged", "username", "alice", "password", "wonderland");

    assertThat(page.status()).isEqualTo(403);
    assertThat(visitor.get("/").body()).doesNotContain("current-user");
  }

  @Test
  void tokenOfTheLoginPageIsStaleAfterLogin() {
    Page loginPage = visitor.get("/login");
    visitor.submit(loginPage, "/login", "username", "alice", "password", "wonderland");

    Page page = visitor.submit(loginPage, "/cart/add", "sku", "mug");

    assertThat(page.status()).isEqualTo(403);
  }
}
