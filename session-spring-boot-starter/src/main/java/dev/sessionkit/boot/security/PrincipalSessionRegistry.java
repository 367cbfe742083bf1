package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSession;
import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.SessionStore;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Security's {@link SessionRegistry} on sessionkit's index of a principal's sessions ({@link
 * PrincipalSessions}), so that {@code sessionManagement(s -> s.maximumSessions(n))} counts and
 * expires a user's sessions across every instance that shares the backend, not only those of one
 * JVM as Spring Security's in-memory registry does.
 *
 * <p>The index is kept by the sessions' own saves (the login is recorded in the session), so
 * registering, refreshing and removing are nothing to do here; a {@link SessionInformation} it
 * lists is named by the session's {@linkplain PrincipalSession#id() id}, never by its key, and
 * {@link SessionInformation#expireNow()} deletes that session at once: the device is logged out at
 * its next request.
 */
public final class PrincipalSessionRegistry implements SessionRegistry {

  /**
   * The key of the session whose login is being processed on this thread, left out of the
   * principal's sessions while concurrent-session control counts them (see {@link
   * #leavingOut(String, Runnable)}).
   */
  private static final ThreadLocal<@Nullable String> LOGGING_IN = new ThreadLocal<>();

  private final SessionStore store;

  /**
   * A registry over the sessions of {@code store}, which must be {@link PrincipalSessions} on a
   * backend that indexes principals when a session is looked up (the cookie backends and stores of
   * other kinds fail then, with the reason).
   */
  public PrincipalSessionRegistry(SessionStore store) {
    this.store = store;
  }

  private PrincipalSessions sessions() {
    if (store instanceof PrincipalSessions sessions && sessions.listsSessions()) {
      return sessions;
    }
    throw new IllegalStateException(
        "The session store "
            + store
            + " cannot list a user's sessions, which concurrent-session control"
            + " (maximumSessions) needs");
  }

  /**
   * Always empty: listing every principal would scan the whole backend, and Spring Security asks
   * for it only in administration code, not in concurrent-session control.
   */
  @Override
  public List<Object> getAllPrincipals() {
    return List.of();
  }

  /**
   * The principal's live sessions (sessionkit never lists expired ones), in a list the caller may
   * sort, as concurrent-session control does.
   */
  @Override
  public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
    String name = nameOf(principal);
    List<SessionInformation> found = new ArrayList<>();
    for (PrincipalSession session : sessions().sessionsOf(name, LOGGING_IN.get())) {
      if (!session.current()) {
        found.add(new RevocableSession(principal, name, session));
      }
    }
    return found;
  }

  /**
   * Runs {@code login} (concurrent-session control at a login) with the session under {@code
   * sessionKey} left out of every principal's sessions: it is the session logging in, which Spring
   * Security would recognise through the container session's id, and which must neither count
   * against the limit nor be expired by it.
   */
  static void leavingOut(@Nullable String sessionKey, Runnable login) {
    String previous = LOGGING_IN.get();
    LOGGING_IN.set(sessionKey);
    try {
      login.run();
    } finally {
      if (previous == null) {
        LOGGING_IN.remove();
      } else {
        LOGGING_IN.set(previous);
      }
    }
  }

  /**
   * Null: Spring Security looks sessions up by the servlet container session's id, which sessionkit
   * applications do not have.
   */
  @Override
  public @Nullable SessionInformation getSessionInformation(String sessionId) {
    return null;
  }

  @Override
  public void refreshLastRequest(String sessionId) {}

  @Override
  public void registerNewSession(String sessionId, Object principal) {}

  @Override
  public void removeSessionInformation(String sessionId) {}

  /** The name a principal's sessions are recorded under, as {@code Authentication.getName()}. */
  static String nameOf(Object principal) {
    if (principal instanceof UserDetails user) {
      return user.getUsername();
    }
    if (principal instanceof AuthenticatedPrincipal authenticated) {
      return authenticated.getName();
    }
    if (principal instanceof Principal named) {
      return named.getName();
    }
    return principal.toString();
  }

  /** A listed session whose expiry revokes it in the backend. */
  private final class RevocableSession extends SessionInformation {

    private final String name;

    RevocableSession(Object principal, String name, PrincipalSession session) {
      super(principal, session.id(), Date.from(lastActivity(session)));
      this.name = name;
    }

    @Override
    public void expireNow() {
      super.expireNow();
      sessions().revoke(name, getSessionId());
    }
  }

  private static Instant lastActivity(PrincipalSession session) {
    Instant lastSaved = session.lastSaved();
    if (lastSaved != null) {
      return lastSaved;
    }
    Instant created = session.created();
    return created != null ? created : Instant.EPOCH;
  }
}
