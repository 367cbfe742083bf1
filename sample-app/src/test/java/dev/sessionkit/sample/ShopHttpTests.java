package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The catalogue, the cart and the session page, over HTTP. */
@ShopOverHttpTest
class ShopHttpTests {

  @LocalServerPort int port;

  Visitor visitor;

  @BeforeEach
  void newVisitor() {
    visitor = Visitor.on(port);
  }

  @Test
  void catalogueListsProductsWithAddToCartForms() {
    Page page = visitor.get("/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Session Mug", "Sticker Pack", "€12.00", "action=\"/cart/add\"", "value=\"mug\"");
    assertThat(page.csrfToken()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void catalogueStartsASessionWithAnHttpOnlyLaxCookieAndNoContainerSession() {
    Page page = visitor.get("/");

    assertThat(page.setCookie("sessionid"))
        .hasValueSatisfying(
            cookie ->
                assertThat(cookie)
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax"));
    assertThat(page.setCookie("JSESSIONID")).isEmpty();
    assertThat(page.headers().allValues("Vary"))
        .anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Cookie"));
  }

  @Test
  void pageWithoutFormsStartsNoSession() {
    Page page = visitor.get("/logged-out");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.setCookies()).isEmpty();
  }

  @Test
  void cartStartsEmpty() {
    Page page = visitor.get("/cart");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Your cart is empty");
  }

  @Test
  void addToCartRedirectsToTheCartWhichShowsTheProduct() {
    Page added = visitor.addToCart("mug");

    assertThat(added.status()).isEqualTo(302);
    assertThat(added.location()).endsWith("/cart");
    Page cart = visitor.get("/cart");
    assertThat(cart.body())
        .contains("id=\"cart-row-mug\"", "Session Mug")
        .containsPattern("value=\"1\"\\s+id=\"quantity-mug\"")
        .containsPattern("id=\"cart-total\">€12.00<")
        .containsPattern("id=\"cart-count\">1<");
  }

  @Test
  void addingTheSameProductAgainAddsUp() {
    visitor.addToCart("stickers");
    visitor.addToCart("stickers");
    visitor.addToCart("mug");

    Page cart = visitor.get("/cart");
    assertThat(cart.body())
        .containsPattern("value=\"2\"\\s+id=\"quantity-stickers\"")
        .containsPattern("id=\"cart-total\">€20.00<")
        .containsPattern("id=\"cart-count\">3<");
  }

  @Test
  void updateSetsTheQuantity() {
    visitor.addToCart("tote");

    Page updated = visitor.submitFrom("/cart", "/cart/update", "sku", "tote", "quantity", "3");

    assertThat(updated.status()).isEqualTo(302);
    assertThat(visitor.get("/cart").body()).containsPattern("id=\"cart-total\">€46.50<");
  }

  @Test
  void updateToZeroRemovesTheProduct() {
    visitor.addToCart("tote");
    visitor.addToCart("mug");

    visitor.submitFrom("/cart", "/cart/update", "sku", "tote", "quantity", "0");

    assertThat(visitor.get("/cart").body())
        .doesNotContain("cart-row-tote")
        .contains("cart-row-mug");
  }

  @Test
  void removeTakesTheProductOut() {
    visitor.addToCart("hoodie");
    visitor.addToCart("mug");

    Page removed = visitor.submitFrom("/cart", "/cart/remove", "sku", "hoodie");

    assertThat(removed.status()).isEqualTo(302);
    assertThat(visitor.get("/cart").body())
        .doesNotContain("cart-row-hoodie")
        .containsPattern("id=\"cart-total\">€12.00<");
  }

  @Test
  void removingTheLastProductEmptiesTheCart() {
    visitor.addToCart("hoodie");

    visitor.submitFrom("/cart", "/cart/remove", "sku", "hoodie");

    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
  }

  @Test
  void addingAnUnknownProductIsNotFound() {
    Page page = visitor.addToCart("unicorn");

    assertThat(page.status()).isEqualTo(404);
  }

  @Test
  void addingMoreThanTheMaximumAtOnceIsABadRequestAndKeepsTheCart() {
    visitor.addToCart("mug");

    Page page = visitor.submitFrom("/", "/cart/add", "sku", "mug", "quantity", "2147483647");

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body())
        .contains("id=\"cart-error\"", "between 1 and 99")
        .containsPattern("value=\"1\"\\s+id=\"quantity-mug\"");
    assertThat(visitor.get("/cart").body())
        .doesNotContain("cart-error")
        .containsPattern("value=\"1\"\\s+id=\"quantity-mug\"");
  }

  @Test
  void addingNothingIsABadRequest() {
    Page page = visitor.submitFrom("/", "/cart/add", "sku", "mug", "quantity", "0");

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("id=\"cart-error\"", "Your cart is empty");
  }

  @Test
  void addingUpToTheMaximumCapsTheLine() {
    visitor.addToCart("mug");

    Page page = visitor.submitFrom("/", "/cart/add", "sku", "mug", "quantity", "99");

    assertThat(page.status()).isEqualTo(302);
    assertThat(visitor.get("/cart").body()).containsPattern("value=\"99\"\\s+id=\"quantity-mug\"");
  }

  @Test
  void negativeQuantityIsABadRequest() {
    visitor.addToCart("mug");

    Page page = visitor.submitFrom("/cart", "/cart/update", "sku", "mug", "quantity", "-1");

    assertThat(page.status()).isEqualTo(400);
  }

  @Test
  void sessionPageShowsBackendShortKeyExpiryAndStoredKeys() {
    visitor.addToCart("mug");
    String key = visitor.sessionKey();

    Page page = visitor.get("/session");

    assertThat(page.status()).isEqualTo(200);
    assertThat(key).isNotNull();
    assertThat(page.body())
        .contains("JdbcSessionStore[table sessionkit_session]")
        .contains("id=\"session-key\">" + key.substring(0, 6) + "…<")
        .doesNotContain(key)
        .containsPattern("id=\"session-expiry\">\\d{4}-\\d{2}-\\d{2}T[0-9:]+Z<")
        .contains("id=\"session-browser-close\">no<")
        .contains("<code>cart</code>", "<code>_csrf_token</code>");
  }

  @Test
  void sessionPageWithoutSessionSaysSoAndStartsNone() {
    Page page = visitor.get("/session");

    assertThat(page.body()).contains("id=\"session-key-none\"", "id=\"session-keys-none\"");
    assertThat(page.setCookies()).isEmpty();
  }
}
