package dev.sessionkit.boot.actuate;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.SessionStore;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.StorageCapabilities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code sessionkit} actuator endpoint (Boot's own {@code sessions} id belongs to Spring
 * Session): what keeps the sessions, and a user's sessions, which it can sign out. Access follows
 * {@code management.endpoint.sessionkit.access}, as for any endpoint; it is not exposed over HTTP
 * unless {@code management.endpoints.web.exposure.include} names it.
 *
 * <ul>
 *   <li>{@code GET /actuator/sessionkit}: the backend and what it can do;
 *   <li>{@code GET /actuator/sessionkit/{principal}}: the principal's live sessions, each by its id
 *       (the first characters of its key: never a whole key);
 *   <li>{@code DELETE /actuator/sessionkit/{principal}}: signs every session of the principal out;
 *   <li>{@code DELETE /actuator/sessionkit/{principal}/{id}}: signs one out.
 * </ul>
 *
 * <p>The number of sessions is shown only where it is cheap (an in-process cache): a database would
 * scan its table, Redis its key space, and an endpoint must not load the store.
 */
@Endpoint(id = "sessionkit")
public class SessionkitEndpoint {

  private final SessionStore store;

  /** The endpoint of {@code store}. */
  public SessionkitEndpoint(SessionStore store) {
    this.store = store;
  }

  /**
   * The backend and, for sessionkit's own stores, what it can do: compare and set (merge concurrent
   * saves), expire records itself, list a user's sessions.
   */
  @ReadOperation
  public Map<String, Object> store() {
    Map<String, Object> description = new LinkedHashMap<>();
    if (store instanceof StorageSessionStore engine) {
      StorageCapabilities capabilities = engine.capabilities();
      description.put("backend", engine.backend());
      description.put("compareAndSet", capabilities.compareAndSet());
      description.put("expiresRecordsItself", capabilities.expiresRecordsItself());
      description.put("listsSessionsByPrincipal", capabilities.indexesPrincipals());
      engine.count().ifPresent(count -> description.put("sessions", count));
    } else {
      description.put("backend", store.getClass().getSimpleName());
    }
    return description;
  }

  /** The live sessions of {@code principal}, most recently saved first. */
  @ReadOperation
  public List<PrincipalSession> sessionsOf(@Selector String principal) {
    return principalSessions().sessionsOf(principal, null);
  }

  /** Signs every session of {@code principal} out; returns how many there were. */
  @DeleteOperation
  public Map<String, Integer> signOut(@Selector String principal) {
    return Map.of("signedOut", principalSessions().revokeOthers(principal, null));
  }

  /** Signs out the session of {@code principal} whose id is {@code id}. */
  @DeleteOperation
  public Map<String, Integer> signOutOne(@Selector String principal, @Selector String id) {
    return Map.of("signedOut", principalSessions().revoke(principal, id) ? 1 : 0);
  }

  private PrincipalSessions principalSessions() {
    if (store instanceof PrincipalSessions sessions && sessions.listsSessions()) {
      return sessions;
    }
    throw new UnsupportedOperationException(
        "The session store " + store + " cannot list a user's sessions");
  }
}
