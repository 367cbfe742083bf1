package dev.sessionkit.sample.shop;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cart as the cart page shows it: each item with its product and subtotal, and the total.
 *
 * @param rows one per item whose product is still sold
 * @param total the sum of the subtotals
 * @param quantity how many articles in all
 */
public record CartView(List<Row> rows, BigDecimal total, int quantity) {

  /**
   * One line of the cart page.
   *
   * @param product what
   * @param quantity how many
   * @param subtotal price times quantity
   */
  public record Row(Product product, int quantity, BigDecimal subtotal) {}

  /** The view of {@code cart}; items the catalogue no longer sells are left out. */
  public static CartView of(Cart cart, Catalogue catalogue) {
    List<Row> rows =
        cart.items().stream()
            .flatMap(
                item ->
                    catalogue.find(item.sku()).stream()
                        .map(
                            product ->
                                new Row(
                                    product,
                                    item.quantity(),
                                    product.price().multiply(BigDecimal.valueOf(item.quantity())))))
            .toList();
    BigDecimal total = rows.stream().map(Row::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new CartView(rows, total, rows.stream().mapToInt(Row::quantity).sum());
  }
}
