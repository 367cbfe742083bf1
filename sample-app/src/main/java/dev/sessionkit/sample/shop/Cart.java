package dev.sessionkit.sample.shop;

import java.util.ArrayList;
import java.util.List;

/**
 * What a visitor is about to buy: an immutable list of items, stored in the session as JSON through
 * {@code session.put("cart", cart)} and read back with {@code session.get("cart", Cart.class)}.
 * Every change returns a new cart, which is put into the session again.
 *
 * <p>The methods avoid bean-style names ({@code getX}, {@code isX}) so that the JSON holds the
 * items and nothing else.
 *
 * @param items the lines, in the order the products were first added; at most one per SKU
 */
public record Cart(List<CartItem> items) {

  /** The most of one product a cart holds. */
  public static final int MAX_QUANTITY = 99;

  /** Copies the items. */
  public Cart {
    items = List.copyOf(items);
  }

  /** A cart with nothing in it. */
  public static Cart empty() {
    return new Cart(List.of());
  }

  /**
   * This cart with {@code quantity} more of {@code sku} (at most {@link #MAX_QUANTITY}). The sum is
   * computed in {@code long}, so a huge {@code quantity} caps the line instead of overflowing into
   * a negative number that would remove it.
   */
  public Cart add(String sku, int quantity) {
    long sum = (long) quantityOf(sku) + quantity;
    return withQuantity(sku, (int) Math.min(sum, MAX_QUANTITY));
  }

  /**
   * This cart with exactly {@code quantity} of {@code sku}: 0 or less removes it, more than {@link
   * #MAX_QUANTITY} is capped. A new product goes last; a known one keeps its place.
   */
  public Cart withQuantity(String sku, int quantity) {
    int capped = Math.min(quantity, MAX_QUANTITY);
    List<CartItem> changed = new ArrayList<>(items.size() + 1);
    boolean found = false;
    for (CartItem item : items) {
      if (item.sku().equals(sku)) {
        found = true;
        if (capped > 0) {
          changed.add(new CartItem(sku, capped));
        }
      } else {
        changed.add(item);
      }
    }
    if (!found && capped > 0) {
      changed.add(new CartItem(sku, capped));
    }
    return new Cart(changed);
  }

  /** This cart without {@code sku}. */
  public Cart remove(String sku) {
    return withQuantity(sku, 0);
  }

  /** How many of {@code sku} the cart holds, 0 when none. */
  public int quantityOf(String sku) {
    return items.stream().filter(item -> item.sku().equals(sku)).mapToInt(CartItem::quantity).sum();
  }

  /** How many articles in all. */
  public int totalQuantity() {
    return items.stream().mapToInt(CartItem::quantity).sum();
  }
}
