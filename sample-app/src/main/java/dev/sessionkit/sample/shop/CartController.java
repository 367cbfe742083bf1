package dev.sessionkit.sample.shop;

import dev.sessionkit.Session;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The cart page and its forms. Each change reads the cart from the session, changes it and puts it
 * back; the session filter saves it after the handler returns. Every form answers with a redirect
 * (post/redirect/get), so reloading a page never repeats a change; adding a product says so once,
 * on the cart page, with a flash attribute (kept in the session until the redirect is followed).
 */
@Controller
public class CartController {

  private final Catalogue catalogue;

  /** A controller selling from {@code catalogue}. */
  public CartController(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Shows the cart. */
  @GetMapping("/cart")
  public String cart(Session session, Model model) {
    model.addAttribute("cart", CartView.of(CartSession.cart(session), catalogue));
    return "cart";
  }

  /**
   * Adds {@code quantity} (default 1) of a product, then shows the cart. A quantity outside 1 to
   * {@link Cart#MAX_QUANTITY} is a bad request: the cart is left as it was and its page says why.
   */
  @PostMapping("/cart/add")
  public String add(
      @RequestParam String sku,
      @RequestParam(defaultValue = "1") int quantity,
      Session session,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Product product = requireProduct(sku);
    if (quantity < 1 || quantity > Cart.MAX_QUANTITY) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute(
          "error",
          "You can add between 1 and "
              + Cart.MAX_QUANTITY
              + " of a product at a time; your cart"
              + " was not changed.");
      return cart(session, model);
    }
    CartSession.store(session, CartSession.cart(session).add(sku, quantity));
    redirect.addFlashAttribute(
        "message", "Added " + (quantity == 1 ? "" : quantity + " × ") + product.name() + ".");
    return "redirect:/cart";
  }

  /** Sets how many of a product the cart holds; 0 removes it. */
  @PostMapping("/cart/update")
  public String update(@RequestParam String sku, @RequestParam int quantity, Session session) {
    requireProduct(sku);
    if (quantity < 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A quantity cannot be negative.");
    }
    CartSession.store(session, CartSession.cart(session).withQuantity(sku, quantity));
    return "redirect:/cart";
  }

  /** Removes a product from the cart. */
  @PostMapping("/cart/remove")
  public String remove(@RequestParam String sku, Session session) {
    CartSession.store(session, CartSession.cart(session).remove(sku));
    return "redirect:/cart";
  }

  private Product requireProduct(String sku) {
    return catalogue
        .find(sku)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + sku + "."));
  }
}
