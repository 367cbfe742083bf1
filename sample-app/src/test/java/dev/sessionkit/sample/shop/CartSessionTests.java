package dev.sessionkit.sample.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cart goes into a real session as JSON and comes back as the same record. */
class CartSessionTests {

  @TempDir Path directory;

  SessionStore store;

  @BeforeEach
  void store() {
    store = new FileSessionStore(directory);
  }

  @Test
  void cartWhenNoneStoredIsEmpty() {
    assertThat(CartSession.cart(store.newSession())).isEqualTo(Cart.empty());
  }

  @Test
  void storedCartComesBackAsTheSameRecordAfterAReload() {
    Cart cart = Cart.empty().add("mug", 2).add("stickers", 1);
    Session session = store.newSession();
    CartSession.store(session, cart);
    session.save();

    Session reloaded = store.open(session.getSessionKey());

    assertThat(reloaded.get(CartSession.KEY)).isInstanceOf(java.util.Map.class);
    assertThat(CartSession.cart(reloaded)).isEqualTo(cart);
  }

  @Test
  void storingAnEmptyCartRemovesTheKey() {
    Session session = store.newSession();
    CartSession.store(session, Cart.empty().add("mug", 1));

    CartSession.store(session, Cart.empty());

    assertThat(session.containsKey(CartSession.KEY)).isFalse();
  }
}
