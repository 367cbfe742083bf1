package dev.sessionkit.boot.web;

import dev.sessionkit.SessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import java.time.Clock;

/** The cookie-header fuzz of the filter on the in-process cache backend. */
class CaffeineSessionFilterCookieFuzzTests extends SessionFilterCookieFuzzTests {

  @Override
  SessionStore newStore() {
    return new CacheSessionStore(SessionCaches.caffeine("fuzz", 100_000, Clock.systemUTC()));
  }
}
