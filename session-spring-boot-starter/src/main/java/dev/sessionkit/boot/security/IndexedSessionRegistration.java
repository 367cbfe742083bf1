package dev.sessionkit.boot.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;

/**
 * Replaces the {@link RegisterSessionAuthenticationStrategy} that {@code maximumSessions(n)} adds
 * to the login with one that does nothing: Spring Security's registers the servlet container
 * session ({@code request.getSession()}), which would create the very {@code JSESSIONID} session
 * sessionkit replaces, while sessionkit's index records the login with the session's next save.
 * Every other object passes unchanged.
 */
final class IndexedSessionRegistration implements ObjectPostProcessor<Object> {

  @Override
  @SuppressWarnings("unchecked")
  public <O> O postProcess(O object) {
    if (object instanceof RegisterSessionAuthenticationStrategy
        && !(object instanceof NoContainerSessionRegistration)) {
      return (O) new NoContainerSessionRegistration();
    }
    return object;
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
