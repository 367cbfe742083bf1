package dev.sessionkit.sample.shop;

/**
 * One line of a {@link Cart}.
 *
 * @param sku the product
 * @param quantity how many, at least 1
 */
public record CartItem(String sku, int quantity) {

  /** Checks the quantity. */
  public CartItem {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
  }
}
