package dev.sessionkit;

import dev.sessionkit.cookie.EncryptedCookieSessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import java.util.List;

/**
 * The session store contract on {@link EncryptedCookieSessionStore}; the exclusions are listed in
 * {@link CookieSessionStoreContractTests}, plus one of its own:
 *
 * <ul>
 *   <li>{@code saveOfUnchangedReopenedSessionKeepsItsData}: an explicit save writes the cookie
 *       again (as Django's), and every encryption takes a fresh nonce, so the key changes although
 *       the data does not (the data kept is checked in {@code CookieSessionStoreTests}).
 * </ul>
 */
class EncryptedCookieSessionStoreContractTests extends CookieSessionStoreContractTests {

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new EncryptedCookieSessionStore(
        "encrypted-cookie-contract-secret-0123456789", List.of(), settings);
  }

  // Excluded: a fresh nonce per write gives a new key even for unchanged data.
  @Override
  void saveOfUnchangedReopenedSessionKeepsItsData() {}
}
