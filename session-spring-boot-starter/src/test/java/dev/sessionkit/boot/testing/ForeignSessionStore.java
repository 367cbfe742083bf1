package dev.sessionkit.boot.testing;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An application's own {@link SessionStore} that is not the engine: it hands everything to another
 * store and counts the lookups, so tests can see the starter work with a store it knows nothing
 * about.
 */
public final class ForeignSessionStore implements SessionStore {

  private final SessionStore delegate;
  private final AtomicInteger lookups = new AtomicInteger();

  public ForeignSessionStore(SessionStore delegate) {
    this.delegate = delegate;
  }

  /** How many times {@link #exists} was called. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public Session newSession() {
    return delegate.newSession();
  }

  @Override
  public Session open(@Nullable String sessionKey) {
    return delegate.open(sessionKey);
  }

  @Override
  public boolean exists(@Nullable String sessionKey) {
    lookups.incrementAndGet();
    return delegate.exists(sessionKey);
  }

  @Override
  public void delete(@Nullable String sessionKey) {
    delegate.delete(sessionKey);
  }

  @Override
  public int clearExpired() {
    return delegate.clearExpired();
  }

  @Override
  public String toString() {
    return "ForeignSessionStore";
  }
}
