package dev.sessionkit.boot.security;

import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;

/**
 * Adapts the two strategies {@code maximumSessions(n)} adds to the login to sessions without a
 * servlet container session. Spring Security's {@link RegisterSessionAuthenticationStrategy}
 * registers the container session ({@code request.getSession()}), which would create the very
 * {@code JSESSIONID} session sessionkit replaces: it becomes one that does nothing, since
 * sessionkit's index records the login with the session's next save. Its {@link
 * ConcurrentSessionControlAuthenticationStrategy} recognises the session logging in by the
 * container session's id: it now runs with that sessionkit session left out of the count ({@link
 * PrincipalSessionRegistry#leavingOut}). Every other object passes unchanged.
 */
final class IndexedSessionRegistration implements ObjectPostProcessor<Object> {

  @Override
  @SuppressWarnings("unchecked")
  public <O> O postProcess(O object) {
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
