package dev.sessionkit.sample.web;

import dev.sessionkit.Session;
import dev.sessionkit.sample.account.DemoUser;
import dev.sessionkit.sample.account.DemoUsers;
import dev.sessionkit.sample.shop.CartSession;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the header of every page needs: the logged-in user and the number of articles in the cart.
 * Reading them marks the session accessed (so responses carry {@code Vary: Cookie}) but does not
 * modify it. Forms get their CSRF token field from Spring Security, through Thymeleaf's {@code
 * th:action}.
 */
@ControllerAdvice
public class LayoutModel {

  private final DemoUsers users;

  /** The layout model for {@code users}. */
  public LayoutModel(DemoUsers users) {
    this.users = users;
  }

  /** The logged-in user, or null. */
  @ModelAttribute("currentUser")
  public @Nullable DemoUser currentUser(@Nullable Principal principal) {
    return principal == null ? null : users.find(principal.getName()).orElse(null);
  }

  /** How many articles the cart holds. */
  @ModelAttribute("cartCount")
  public int cartCount(Session session) {
    return CartSession.cart(session).totalQuantity();
  }
}
