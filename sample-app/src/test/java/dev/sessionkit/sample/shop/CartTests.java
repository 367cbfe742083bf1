package dev.sessionkit.sample.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CartTests {

  @Test
  void addWhenProductIsNewAppendsAnItem() {
    Cart cart = Cart.empty().add("mug", 1).add("tote", 2);

    assertThat(cart.items()).containsExactly(new CartItem("mug", 1), new CartItem("tote", 2));
  }

  @Test
  void addWhenProductIsInTheCartAddsUpInPlace() {
    Cart cart = Cart.empty().add("mug", 1).add("tote", 1).add("mug", 2);

    assertThat(cart.items()).containsExactly(new CartItem("mug", 3), new CartItem("tote", 1));
    assertThat(cart.totalQuantity()).isEqualTo(4);
  }

  @Test
  void addNeverExceedsTheMaximumQuantity() {
    Cart cart = Cart.empty().add("mug", 98).add("mug", 5);

    assertThat(cart.quantityOf("mug")).isEqualTo(Cart.MAX_QUANTITY);
  }

  @Test
  void addOfTheLargestIntCapsTheLineInsteadOfOverflowing() {
    Cart cart = Cart.empty().add("mug", 1).add("mug", Integer.MAX_VALUE);

    assertThat(cart.items()).containsExactly(new CartItem("mug", Cart.MAX_QUANTITY));
  }

  @Test
  void withQuantityWhenZeroRemovesTheItem() {
    Cart cart = Cart.empty().add("mug", 2).add("tote", 1).withQuantity("mug", 0);

    assertThat(cart.items()).containsExactly(new CartItem("tote", 1));
  }

  @Test
  void removeWhenAbsentLeavesTheCartAsItWas() {
    Cart cart = Cart.empty().add("mug", 1);

    assertThat(cart.remove("tote")).isEqualTo(cart);
  }

  @Test
  void changesReturnNewCartsAndLeaveTheOriginalUnchanged() {
    Cart original = Cart.empty().add("mug", 1);

    original.add("mug", 1);
    original.remove("mug");

    assertThat(original.quantityOf("mug")).isEqualTo(1);
  }

  @Test
  void itemsAreACopy() {
    List<CartItem> items = new java.util.ArrayList<>(List.of(new CartItem("mug", 1)));
    Cart cart = new Cart(items);

    items.clear();

    assertThat(cart.items()).hasSize(1);
  }

  @Test
  void itemWithoutQuantityIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new CartItem("mug", 0));
  }
}
