package dev.sessionkit.sample.shop;

import dev.sessionkit.Session;

/**
 * Where the cart lives in the session: under {@value #KEY}, as a {@link Cart} record.
 *
 * <pre>{@code
 * Cart cart = CartSession.cart(session);
 * CartSession.store(session, cart.add("mug", 1));
 * }</pre>
 */
public final class CartSession {

  /** The session key of the cart. */
  public static final String KEY = "cart";

  private CartSession() {}

  /** The visitor's cart, empty when there is none. Marks the session accessed. */
  public static Cart cart(Session session) {
    Cart cart = session.get(KEY, Cart.class);
    return cart == null ? Cart.empty() : cart;
  }

  /**
   * Keeps {@code cart} in the session, or removes the key when the cart is empty (an empty session
   * is not stored and its cookie is deleted). Marks the session modified.
   */
  public static void store(Session session, Cart cart) {
    if (cart.items().isEmpty()) {
      session.remove(KEY);
    } else {
      session.put(KEY, cart);
    }
  }
}
