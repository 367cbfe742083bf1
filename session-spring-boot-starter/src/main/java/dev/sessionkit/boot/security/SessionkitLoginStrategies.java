package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.AbstractSessionFixationProtectionStrategy;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * Fits the strategies Spring Security runs at a login to sessions without a servlet container
 * session, as an object post-processor of its session management, so that none of its settings has
 * to be set (setting one would switch on its {@code SessionManagementFilter}, which turns any
 * request a stateless filter authenticates into a login):
 *
 * <ul>
 *   <li>Its session fixation protection ({@code ChangeSessionIdAuthenticationStrategy}, or the
 *       migrating one an application chose with {@code sessionFixation()}) changes a container
 *       session's id: the given strategy takes its place, which moves the sessionkit session to a
 *       new key. An application that turned the protection off ({@code sessionFixation().none()})
 *       keeps that choice.
 *   <li>{@code maximumSessions(n)} adds a {@link RegisterSessionAuthenticationStrategy}, which
 *       registers the container session ({@code request.getSession()}) and so would create the very
 *       {@code JSESSIONID} session sessionkit replaces: it becomes one that does nothing, since
 *       sessionkit's index records the login with the session's next save. Its {@link
 *       ConcurrentSessionControlAuthenticationStrategy} recognises the session logging in by the
 *       container session's id: it now runs with that sessionkit session left out of the count
 *       ({@link PrincipalSessionRegistry#leavingOut}).
 * </ul>
 *
 * Every other object passes unchanged.
 */
final class SessionkitLoginStrategies implements ObjectPostProcessor<Object> {

  private final SessionAuthenticationStrategy fixationProtection;

  /**
   * @param fixationProtection what runs at a login in place of Spring Security's session fixation
   *     protection
   */
  SessionkitLoginStrategies(SessionAuthenticationStrategy fixationProtection) {
    this.fixationProtection = fixationProtection;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <O> O postProcess(O object) {
    if (object instanceof AbstractSessionFixationProtectionStrategy) {
      return (O) fixationProtection;
    }
    if (object instanceof RegisterSessionAuthenticationStrategy
        && !(object instanceof NoContainerSessionRegistration)) {
      return (O) new NoContainerSessionRegistration();
    }
    if (object instanceof ConcurrentSessionControlAuthenticationStrategy control
        && !(object instanceof CurrentSessionLeftOut)) {
      return (O) new CurrentSessionLeftOut(control);
    }
    return object;
  }

  /**
   * Spring Security's control, configured as the application asked, minus the session logging in.
   */
  static final class CurrentSessionLeftOut extends ConcurrentSessionControlAuthenticationStrategy {

    private final ConcurrentSessionControlAuthenticationStrategy configured;

    CurrentSessionLeftOut(ConcurrentSessionControlAuthenticationStrategy configured) {
      // Spring Security's class needs a registry; the configured strategy's own is the one used.
      super(new SessionRegistryImpl());
      this.configured = configured;
    }

    @Override
    public void onAuthentication(
        Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
      Session session = CurrentSession.of(request);
      PrincipalSessionRegistry.leavingOut(
          session == null ? null : session.getSessionKey(),
          () -> configured.onAuthentication(authentication, request, response));
    }
  }

  /** Registers nothing: the sessionkit session's save indexes the login. */
  static final class NoContainerSessionRegistration extends RegisterSessionAuthenticationStrategy {

    NoContainerSessionRegistration() {
      // Spring Security's class needs a registry; this one is never used.
      super(new SessionRegistryImpl());
    }

    @Override
    public void onAuthentication(
        Authentication authentication, HttpServletRequest request, HttpServletResponse response) {}
  }
}
