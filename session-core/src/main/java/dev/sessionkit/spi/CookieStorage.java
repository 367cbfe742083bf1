package dev.sessionkit.spi;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A storage whose record travels in the key itself, a cookie: it {@linkplain
 * StorageCapabilities#ownsKeyFormat() owns its key format}, keeps nothing on the server and so has
 * nothing to check, delete or clean up (as Django's {@code signed_cookies}). A subclass writes
 * records ({@link #store}), reads them back from a key ({@link #load}) and names its backend.
 */
public abstract class CookieStorage implements SessionStorage {

  private static final StorageCapabilities CAPABILITIES =
      StorageCapabilities.builder().ownsKeyFormat(true).expiresRecordsItself(true).build();

  /** The cookie value holding {@code record}. */
  @Override
  public abstract String store(StoredRecord record);

  /** False: the browser holds the cookie, not the server. */
  @Override
  public final boolean contains(String key, Instant now) {
    return false;
  }

  @Override
  public final boolean insert(String key, StoredRecord record) {
    throw new UnsupportedOperationException("a cookie store keeps records with store()");
  }

  @Override
  public final ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    throw new UnsupportedOperationException("a cookie store keeps records with store()");
  }

  /** Nothing to delete: the browser holds the cookie. */
  @Override
  public final boolean delete(String key) {
    return false;
  }

  /** Nothing to remove: an expired cookie is refused when it comes back. */
  @Override
  public final int removeExpired(Instant now, Consumer<String> removed) {
    return 0;
  }

  @Override
  public final StorageCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** Always available: there is no server to reach. */
  @Override
  public final void checkAvailable() {}
}
