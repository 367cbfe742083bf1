package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Spring Security's form login, remember-me and logout over HTTP, with the login kept in the
 * sessionkit session: a new key at login, the session ended at logout, never a JSESSIONID.
 */
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
  void loginPageShowsTheDemoCredentialsAndAFormToken() {
    Page page = visitor.get("/login");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<code>alice</code>",
            "<code>wonderland</code>",
            "<code>bob</code>",
            "<code>builder</code>");
    assertThat(page.csrfToken()).isNotEmpty();
    assertThat(visitor.sessionKey()).isNotNull();
    assertThat(visitor.get("/session").body()).contains("<code>_csrf_token</code>");
    assertThat(visitor.cookie("JSESSIONID")).isNull();
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
    assertThat(visitor.get("/session").body()).contains("<code>_security_context</code>");
    assertThat(visitor.cookie("JSESSIONID")).isNull();
  }

  @Test
  void protectedPageSendsToTheLoginAndTheLoginBackToIt() {
    Page account = visitor.get("/account");
    assertThat(account.status()).isEqualTo(302);
    assertThat(account.location()).endsWith("/login");

    Page loggedIn = visitor.logIn("bob", "builder", false);

    assertThat(loggedIn.location()).endsWith("/account?continue");
    Page back = visitor.get("/account?continue");
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.body()).contains("id=\"account-username\">bob<");
  }

  @Test
  void loginWithAWrongPasswordShowsTheFormAgainWithoutAContainerSession() {
    Page page = visitor.logIn("alice", "builder", false);

    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login?error");
    assertThat(page.setCookie("JSESSIONID")).isEmpty();
    assertThat(visitor.get("/login?error").body())
        .contains("id=\"login-error\"", "wrong password")
        .doesNotContain("current-user");
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
    assertThat(visitor.get("/cart").body())
        .contains("Your cart is empty", "id=\"current-user\">Bob<")
        .doesNotContain("cart-row-mug");
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
  void rememberMeGivesARememberMeCookieLastingTheMaximumAgeThatLogsInAgainWithoutASession() {
    Page page = visitor.logIn("alice", "wonderland", true);

    assertThat(page.setCookie("remember-me"))
        .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=1209600"));
    Visitor returning = Visitor.on(port);
    returning.setCookie("remember-me", visitor.cookie("remember-me"));
    assertThat(returning.get("/account").body()).contains("id=\"account-username\">alice<");
    assertThat(returning.sessionKey()).isNotNull();
    assertThat(returning.cookie("JSESSIONID")).isNull();
  }

  @Test
  void loginWithoutRememberMeSetsNoRememberMeCookie() {
    Page page = visitor.logIn("alice", "wonderland", false);

    assertThat(page.setCookie("remember-me")).isEmpty();
  }

  @Test
  void logoutEndsTheSessionAndDeletesTheCookie() {
    visitor.logIn("alice", "wonderland", true);
    visitor.addToCart("mug");
    String key = visitor.sessionKey();

    Page loggedOut = visitor.submitFrom("/cart", "/logout");

    assertThat(loggedOut.status()).isEqualTo(302);
    assertThat(loggedOut.location()).endsWith("/logged-out");
    assertThat(loggedOut.setCookie("sessionid"))
        .hasValueSatisfying(
            cookie -> assertThat(cookie).startsWith("sessionid=;").contains("Max-Age=0"));
    assertThat(visitor.cookie("remember-me")).isNull();
    assertThat(store.exists(key)).isFalse();
    Page page = visitor.get("/logged-out");
    assertThat(page.body()).contains("You are logged out").doesNotContain("current-user");
    assertThat(page.setCookies()).isEmpty();
    assertThat(visitor.sessionKey()).isNull();
    assertThat(visitor.get("/cart").body()).contains("Your cart is empty");
  }
}
