package dev.sessionkit;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a store does with sessions: for metrics, audit logs, application events. Register any
 * number with {@link dev.sessionkit.engine.StorageSessionStore#addListener}.
 *
 * <pre>{@code
 * store.addListener(new SessionListener() {
 *   @Override
 *   public void deleted(String sessionKey, Duration latency) {
 *     auditLog.sessionEnded(sessionKey);
 *   }
 * });
 * }</pre>
 *
 * <p>Callbacks run on the thread that did the operation, after it succeeded (or failed), and should
 * be fast. A listener that throws is logged and skipped; it never fails the request. Listeners are
 * trusted code and receive session keys, which are secrets: never log them.
 */
public interface SessionListener {

  /** A session's record was looked up; {@code found} is false when no live record existed. */
  default void loaded(String sessionKey, boolean found, Duration latency) {}

  /** A new record was stored under a fresh key ({@code create()}, a first save, a key cycle). */
  default void created(String sessionKey, Duration latency) {}

  /**
   * An existing record was written back, once per save. {@code conflicts} counts the concurrent
   * saves this one merged with (0 on the fast path).
   */
  default void saved(String sessionKey, int conflicts, Duration latency) {}

  /**
   * A session was encoded for a write (a create or a save attempt) into {@code bytes} bytes of
   * UTF-8: for a histogram of session sizes. A session over the maximum size is reported too, just
   * before its save fails.
   */
  default void encoded(int bytes) {}

  /**
   * A record was deleted: a logout ({@code flush()}), a revocation, or the old key of a key cycle
   * ({@code cycleKey()} at login shows as {@code created} for the new key, then {@code deleted} for
   * the old one). Only a record that existed is reported.
   */
  default void deleted(String sessionKey, Duration latency) {}

  /**
   * A session of {@code principalName} was signed out by {@link PrincipalSessions#revoke} or {@link
   * PrincipalSessions#revokeOthers} (and so by anything built on them: the starter's actuator
   * endpoint, {@code maximumSessions}), told just after {@link #deleted} for its key. Only a
   * session whose record this revocation deleted is reported; a logout, an expiry or a key cycle
   * never is.
   *
   * <p>For what the device holds beside its session and that would sign it in again, such as a
   * remember-me token: the Spring Boot starter expires the session's persistent remember-me series
   * here, so that the device stays signed out.
   *
   * @param data the session's data as the revocation found it (unmodifiable; empty when the session
   *     had none or it could not be read). It holds secrets (the CSRF token, the login): never log
   *     it. The session key is not passed: it is gone.
   */
  default void revoked(String principalName, Map<String, ?> data) {}

  /**
   * {@link PrincipalSessions#revokeOthers} signed out every session of {@code principalName} but
   * the one it keeps: told once per call, after its deletions (and their {@link #revoked}), even
   * when it deleted none; {@link PrincipalSessions#revoke} never tells it.
   *
   * <p>For what the user's other devices hold beside a listed session: a device whose session has
   * already expired (and so is not listed, nor {@link #revoked}) can still hold a remember-me login
   * that outlives it. The Spring Boot starter ends here every persistent remember-me login of the
   * user except the kept session's, so that "sign out my other devices" ends them all.
   *
   * @param keptData the data of the session kept, the one under the current key (unmodifiable);
   *     empty when the key was null or not among the user's listed sessions, or its data could not
   *     be read. It holds secrets (the CSRF token, the login): never log it.
   */
  default void othersRevoked(String principalName, Map<String, ?> keptData) {}

  /** An expired record was removed by {@link SessionStore#clearExpired()}. */
  default void expired(String sessionKey) {}

  /**
   * An operation ({@code load}, {@code create}, {@code save}, {@code delete}, {@code check}, {@code
   * clear expired}) failed; the failure is rethrown to the caller after this call.
   *
   * @param sessionKey the key concerned, or null when the operation concerned none
   */
  default void failed(@Nullable String sessionKey, String operation, RuntimeException failure) {}

  /**
   * A stored value could not be converted to the type a caller asked for (its class changed since
   * it was stored) and was read as absent.
   *
   * @param sessionKey the session's key, or null when it has none yet
   */
  default void unconvertibleValue(@Nullable String sessionKey, String dataKey, Class<?> type) {}
}
