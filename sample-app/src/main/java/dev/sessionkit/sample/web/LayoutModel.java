package dev.sessionkit.sample.web;

import dev.sessionkit.Session;
import dev.sessionkit.sample.account.DemoUser;
import dev.sessionkit.sample.account.DemoUsers;
import dev.sessionkit.sample.account.LoginSession;
import dev.sessionkit.sample.csrf.CsrfFormField;
import dev.sessionkit.sample.csrf.CsrfTokens;
import dev.sessionkit.sample.shop.CartSession;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the header of every page needs: the logged-in user, the number of articles in the cart, and
 * the form token field. Reading them marks the session accessed (so responses carry {@code Vary:
 * Cookie}) but does not modify it.
 */
@ControllerAdvice
public class LayoutModel {

  private final DemoUsers users;
  private final CsrfTokens csrfTokens;

  /** The layout model for {@code users}. */
  public LayoutModel(DemoUsers users, CsrfTokens csrfTokens) {
    this.users = users;
    this.csrfTokens = csrfTokens;
  }

  /** The logged-in user, or null. */
  @ModelAttribute("currentUser")
  public @Nullable DemoUser currentUser(Session session) {
    String username = LoginSession.username(session);
    return username == null ? null : users.find(username).orElse(null);
  }

  /** How many articles the cart holds. */
  @ModelAttribute("cartCount")
  public int cartCount(Session session) {
    return CartSession.cart(session).totalQuantity();
  }

  /** The hidden field every POST form carries; its token is created when first rendered. */
  @ModelAttribute("csrf")
  public CsrfFormField csrf(Session session) {
    return new CsrfFormField(csrfTokens, session);
  }
}
