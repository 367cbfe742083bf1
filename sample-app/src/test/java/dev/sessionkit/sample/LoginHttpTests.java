package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Log in (test cookie, key change, remember me) and log out, over HTTP. */
@ShopOverHttpTest
class LoginHttpTests {

  @LocalServerPort int port;

  @Autowired SessionStore store;

  Visitor visitor;

  @BeforeEach
  void newVisitor() {
    visitor = Visitor.on(port);
  }

  @Test
  void loginPageShowsTheDemoCredentialsAndStoresTheTestCookie() {
    Page page = visitor.get("/login");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<code>alice</code>",
            "<code>wonderland</code>",
            "<code>bob</code>",
            "<code>builder</code>");
    assertThat(visitor.sessionKey()).isNotNull();
    assertThat(visitor.get("/session").body()).contains("<code>testcookie</code>");
  }

  @Test
  void loginWithTheRightPasswordChangesTheSessionKeyAndKeepsTheCart() {
    visitor.addToCart("mug");
    String keyBefore = visitor.sessionKey();

    Page loggedIn = visitor.logIn("alice", "wonderland", false);

    assertThat(loggedIn.status()).isEqualTo(302);
    assertThat(loggedIn.location()).endsWith("/");
    String keyAfter = visitor.sessionKey();
    assertThat(keyAfter).isNotNull().isNotEqualTo(keyBefore);
    assertThat(store.exists(keyBefore)).isFalse();
    assertThat(store.exists(keyAfter)).isTrue();
    Page cart = visitor.get("/cart");
    assertThat(cart.body()).contains("cart-row-mug").contains("id=\"current-user\">Alice<");
  }

  @Test
  void loginRemovesTheTestCookieAndRecordsTheUser() {
    visitor.logIn("bob", "builder", false);

    assertThat(visitor.get("/session").body())
        .contains("<code>user</code>")
        .doesNotContain("<code>testcookie</code>");
  }

  @Test
  void loginGivesANewFormToken() {
    String tokenBefore = visitor.get("/login").csrfToken();

    visitor.submitFrom("/login", "/login", "username", "alice", "password", "wonderland");

    assertThat(visitor.get("/").csrfToken()).isNotEqualTo(tokenBefore);
  }

  @Test
  void oldSessionKeyIsUselessAfterLogin() {
    visitor.addToCart("mug");
    String keyBefore = visitor.sessionKey();
    visitor.logIn("alice", "wonderland", false);

    Visitor attacker = Visitor.on(port);
    attacker.setCookie("sessionid", keyBefore);

    assertThat(attacker.get("/cart").body())
        .contains("Your cart is empty")
        .doesNotContain("current-user");
  }

  @Test
  void loginWithAWrongPasswordShowsTheFormAgainAndKeepsTheSession() {
    visitor.addToCart("mug");
    String keyBefore = visitor.sessionKey();

    Page page = visitor.logIn("alice", "queen-of-hearts", false);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Unknown user name or wrong password")
        .contains("value=\"alice\"")
        .doesNotContain("current-user");
    assertThat(visitor.sessionKey()).isEqualTo(keyBefore);
  }

  @Test
  void loginWithAnUnknownUserIsRefused() {
    Page page = visitor.logIn("mallory", "wonderland", false);

    assertThat(page.body()).contains("Unknown user name or wrong password");
  }

  @Test
  void loginFromABrowserRefusingCookiesExplainsThatCookiesAreNeeded() {
    Visitor noCookies = Visitor.refusingCookies(port);

    Page page =
        noCookies.submitFrom("/login", "/login", "username", "alice", "password", "wonderland");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"login-error\"", "did not send back the session cookie", "allow cookies")
        .doesNotContain("session expired")
        .doesNotContain("current-user");
  }

  @Test
  void loginFromASessionWithoutTestCookieSaysTheFormWasStaleAndTheRetryWorks() {
    Page catalogue = visitor.get("/");

    Page page = visitor.submit(catalogue, "/login", "username", "alice", "password", "wonderland");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"login-error\"", "session expired", "try again")
        .doesNotContain("allow cookies")
        .doesNotContain("current-user");
    Page retried = visitor.submit(page, "/login", "username", "alice", "password", "wonderland");
    assertThat(retried.status()).isEqualTo(302);
    assertThat(visitor.get("/").body()).contains("id=\"current-user\">Alice<");
  }

  @Test
  void loginAfterTheSessionExpiredSaysSoAndTheRetryWorks() {
    Page loginPage = visitor.get("/login");
    String expiredKey = visitor.sessionKey();
    store.delete(expiredKey);

    Page page = visitor.submit(loginPage, "/login", "username", "alice", "password", "wonderland");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"login-error\"", "session expired", "try again")
        .doesNotContain("allow cookies")
        .doesNotContain("current-user");
    assertThat(visitor.sessionKey()).isNotNull().isNotEqualTo(expiredKey);
    assertThat(visitor.get("/session").body()).contains("<code>testcookie</code>");
    Page retried = visitor.submit(page, "/login", "username", "alice", "password", "wonderland");
    assertThat(retried.status()).isEqualTo(302);
    assertThat(visitor.get("/").body()).contains("id=\"current-user\">Alice<");
  }

  @Test
  void loginAsAnotherUserStartsAFreshSessionWithoutThePreviousUsersData() {
    visitor.logIn("alice", "wonderland", false);
    visitor.addToCart("mug");
    String alicesKey = visitor.sessionKey();

    Page loggedIn = visitor.logIn("bob", "builder", false);

    assertThat(loggedIn.status()).isEqualTo(302);
    String bobsKey = visitor.sessionKey();
    assertThat(bobsKey).isNotNull().isNotEqualTo(alicesKey);
    assertThat(store.exists(alicesKey)).isFalse();
    assertThat(store.exists(bobsKey)).isTrue();
    assertThat(visitor.get("/cart").body())
        .contains("Your cart is empty", "id=\"current-user\">Bob<")
        .doesNotContain("cart-row-mug");
    assertThat(visitor.get("/session").body())
        .contains("<code>user</code>")
        .doesNotContain("<code>cart</code>", "<code>testcookie</code>");
  }

  @Test
  void loginAsTheSameUserAgainKeepsTheCartAndChangesTheKey() {
    visitor.logIn("alice", "wonderland", false);
    visitor.addToCart("mug");
    String keyBefore = visitor.sessionKey();

    Page loggedIn = visitor.logIn("alice", "wonderland", false);

    assertThat(loggedIn.status()).isEqualTo(302);
    assertThat(visitor.sessionKey()).isNotNull().isNotEqualTo(keyBefore);
    assertThat(store.exists(keyBefore)).isFalse();
    assertThat(visitor.get("/cart").body()).contains("cart-row-mug", "id=\"current-user\">Alice<");
  }

  @Test
  void loginAsAnotherUserWithRememberMeGivesTheFreshSessionAPersistentCookie() {
    visitor.logIn("alice", "wonderland", false);

    Page page = visitor.logIn("bob", "builder", true);

    assertThat(page.setCookie("sessionid"))
        .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=1209600"));
    assertThat(visitor.get("/session").body()).contains("id=\"session-browser-close\">no<");
  }

  @Test
  void rememberMeGivesACookieLastingTheMaximumAge() {
    Page page = visitor.logIn("alice", "wonderland", true);

    assertThat(page.setCookie("sessionid"))
        .hasValueSatisfying(
            cookie -> assertThat(cookie).contains("Max-Age=1209600").contains("Expires="));
    assertThat(visitor.get("/session").body()).contains("id=\"session-browser-close\">no<");
  }

  @Test
  void loginWithoutRememberMeGivesABrowserSessionCookie() {
    Page page = visitor.logIn("alice", "wonderland", false);

    assertThat(page.setCookie("sessionid"))
        .hasValueSatisfying(
            cookie -> assertThat(cookie).doesNotContain("Max-Age").doesNotContain("Expires"));
    assertThat(visitor.get("/session").body()).contains("id=\"session-browser-close\">yes<");
  }

  @Test
  void logoutEndsTheSessionAndDeletesTheCookie() {
    visitor.logIn("alice", "wonderland", false);
    visitor.addToCart("mug");
    String key = visitor.sessionKey();

    Page loggedOut = visitor.submitFrom("/cart", "/logout");

    assertThat(loggedOut.status()).isEqualTo(302);
    assertThat(loggedOut.location()).endsWith("/logged-out");
    assertThat(loggedOut.setCookie("sessionid"))
        .hasValueSatisfying(
            cookie -> assertThat(cookie).startsWith("sessionid=;").contains("Max-Age=0"));
    assertThat(store.exists(key)).isFalse();
    Page page = visitor.get("/logged-out");
    assertThat(page.body()).contains("You are logged out").doesNotContain("current-user");
    assertThat(page.setCookies()).isEmpty();
    assertThat(visitor.sessionKey()).isNull();
    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
  }
}
