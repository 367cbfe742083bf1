package dev.sessionkit;

/**
 * Where sessions live: one implementation per backend (database, files, cache). This is what an
 * application holds, usually as a bean, to open the session a request's cookie names.
 *
 * <pre>{@code
 * SessionStore store = new JdbcSessionStore(dataSource);
 * Session session = store.open(cookieValue); // lazy: no I/O yet
 * session.put("cart", cart);
 * session.save();                            // gets a fresh key if it had none
 * }</pre>
 *
 * <p>Implementations are thread-safe. A client never chooses its key: a key that is malformed,
 * unknown or expired opens an empty session that receives a fresh key when saved.
 */
public interface SessionStore {

  /** Returns a new, empty session without a key; it gets one when first saved. */
  Session newSession();

  /**
   * Returns the session stored under {@code sessionKey}, loaded lazily on first access. A null,
   * malformed, unknown or expired key gives an empty session that gets a fresh key when saved.
   */
  Session open(@org.jspecify.annotations.Nullable String sessionKey);

  /** Whether a record that has not expired is stored under {@code sessionKey}. */
  boolean exists(@org.jspecify.annotations.Nullable String sessionKey);

  /** Deletes the record stored under {@code sessionKey}, if any. */
  void delete(@org.jspecify.annotations.Nullable String sessionKey);

  /**
   * Removes expired sessions.
   *
   * @return how many records were removed; 0 for backends that expire records by themselves
   */
  int clearExpired();
}
