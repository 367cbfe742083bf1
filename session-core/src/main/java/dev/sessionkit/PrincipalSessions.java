package dev.sessionkit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user's sessions: list them, sign one out, or sign out every device but the current one ("sign
 * out my other devices"), across every instance that shares the backend.
 *
 * <pre>{@code
 * List<PrincipalSession> devices = sessions.sessionsOf("alice", session.getSessionKey());
 * sessions.revokeOthers("alice", session.getSessionKey());
 * }</pre>
 *
 * <p>How a session knows its user: the session data holds the principal's name under {@link
 * #PRINCIPAL_NAME_KEY} (the Spring Security integration writes it at login; an application without
 * Spring Security puts it itself), and every save records it beside the data, where the backend
 * indexes it. A logout ({@link Session#flush()}) deletes the session and so leaves the index.
 *
 * <p>Session keys are secrets and never leave this interface in full: a listed session is named by
 * an {@linkplain PrincipalSession#id() id}, the first characters of its key, enough to tell a
 * user's sessions apart and to revoke one, useless to take one over.
 *
 * <p>Each session a revocation deletes is reported to the store's listeners ({@link
 * SessionListener#revoked}) with its principal and data, so that what else signs the device in (a
 * remember-me login) can be ended with it.
 */
public interface PrincipalSessions {

  /** The session data key holding the name of the principal logged in to the session. */
  String PRINCIPAL_NAME_KEY = "_auth_user_name";

  /**
   * The session data key holding the browser's {@code User-Agent} at login, shown in a listing when
   * present. Personal data: the Spring Security integration records it only when {@code
   * sessionkit.security.record-user-agent=true}.
   */
  String USER_AGENT_KEY = "_auth_user_agent";

  /**
   * The session data key holding the client's IP address at login, shown in a listing when present.
   * Personal data: the Spring Security integration records it only when {@code
   * sessionkit.security.record-ip-address=true}.
   */
  String IP_ADDRESS_KEY = "_auth_ip_address";

  /**
   * Whether this store's backend keeps an index of sessions by principal, so that the other methods
   * work; false for the cookie backends (and a Spring cache that is not in-process), whose calls
   * throw {@link UnsupportedOperationException}.
   */
  boolean listsSessions();

  /**
   * The live sessions of {@code principalName}, most recently saved first.
   *
   * @param currentSessionKey the key of the session asking, marked {@linkplain
   *     PrincipalSession#current() current} in the list, or null
   * @throws UnsupportedOperationException when the backend keeps no index of principals (the cookie
   *     backends, a cache without an in-process map)
   */
  List<PrincipalSession> sessionsOf(String principalName, @Nullable String currentSessionKey);

  /**
   * Deletes the session of {@code principalName} whose {@linkplain PrincipalSession#id() id} is
   * {@code sessionId}: that device is signed out at its next request.
   *
   * @return whether such a session existed
   */
  boolean revoke(String principalName, String sessionId);

  /**
   * Deletes every session of {@code principalName} except the one under {@code currentSessionKey}
   * ("sign out my other devices"); with a null key, every session of the principal.
   *
   * @return how many sessions were deleted
   */
  int revokeOthers(String principalName, @Nullable String currentSessionKey);
}
