package dev.sessionkit.sample.shop;

import java.math.BigDecimal;

/**
 * Something the shop sells.
 *
 * @param sku the product's identifier, used in forms and in the cart
 * @param name what the page calls it
 * @param description one line about it
 * @param price the unit price in euros
 */
public record Product(String sku, String name, String description, BigDecimal price) {}
