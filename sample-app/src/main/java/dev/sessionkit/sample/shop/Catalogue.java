package dev.sessionkit.sample.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The products on sale: a fixed list, enough to fill a cart. */
@Component
public class Catalogue {

  private final List<Product> products =
      List.of(
          new Product(
              "mug",
              "Session Mug",
              "Holds 350 ml of coffee and forgets nothing.",
              new BigDecimal("12.00")),
          new Product(
              "tote",
              "Cookie Tote Bag",
              "Carries a whole session key, HttpOnly.",
              new BigDecimal("15.50")),
          new Product(
              "stickers",
              "Sticker Pack",
              "Six stickers, one for each backend and more.",
              new BigDecimal("4.00")),
          new Product(
              "hoodie",
              "Browser-Close Hoodie",
              "Warm until you close the browser.",
              new BigDecimal("39.00")));

  /** Every product, in display order. */
  public List<Product> products() {
    return products;
  }

  /** The product with this SKU, if the shop sells it. */
  public Optional<Product> find(String sku) {
    return products.stream().filter(product -> product.sku().equals(sku)).findFirst();
  }
}
