package dev.sessionkit.sample.shop;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the products, each with an "add to cart" form. */
@Controller
public class CatalogueController {

  private final Catalogue catalogue;

  /** A controller showing {@code catalogue}. */
  public CatalogueController(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Lists the products. */
  @GetMapping("/")
  public String catalogue(Model model) {
    model.addAttribute("products", catalogue.products());
    return "catalogue";
  }
}
