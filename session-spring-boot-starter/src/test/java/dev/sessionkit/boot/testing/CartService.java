package dev.sessionkit.boot.testing;

import dev.sessionkit.Session;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** A singleton that holds the injected request-scoped {@link Session} proxy. */
@Service
public class CartService {

  private final Session session;

  public CartService(Session session) {
    this.session = session;
  }

  /** Adds {@code item} to the cart in the current request's session. */
  public List<Object> add(String item) {
    Object stored = session.get("cart");
    List<Object> cart = stored instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
    cart.add(item);
    session.put("cart", cart);
    return cart;
  }

  /** The session proxy itself, for tests. */
  public Session session() {
    return session;
  }
}
