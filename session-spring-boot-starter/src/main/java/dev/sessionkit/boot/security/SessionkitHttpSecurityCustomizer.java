package dev.sessionkit.boot.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Puts Spring Security's session state in sessionkit, for every {@link HttpSecurity} the
 * application builds. Spring Security 7 applies each {@code Customizer<HttpSecurity>} bean to the
 * {@code HttpSecurity} prototype bean before the application's {@code SecurityFilterChain} method
 * receives it, so the usual configuration needs no extra line:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain security(HttpSecurity http) {
 *   return http.authorizeHttpRequests(...).formLogin(withDefaults()).rememberMe(withDefaults())
 *       .build();   // SecurityContext, CSRF token, saved request: in the sessionkit Session
 * }
 * }</pre>
 *
 * <p>It sets the {@link SecurityContextRepository} (the session, and the request attributes for
 * error and async dispatches), the {@link CsrfTokenRepository}, the {@link RequestCache} and a
 * {@link LogoutHandler} ({@link FlushSessionLogoutHandler}). The {@link
 * SessionAuthenticationStrategy} run at login takes the place of Spring Security's session fixation
 * protection, through an object post-processor ({@link SessionkitLoginStrategies}): {@link
 * CycleSessionKeyAuthenticationStrategy} instead of changing a container session's id (Spring
 * Security adds its CSRF strategy, and later ones such as concurrent-session control, beside it);
 * with {@code maximumSessions(n)}, the login's registration of the container session is replaced by
 * nothing, since the {@link PrincipalSessionRegistry} reads sessionkit's own index. None of Spring
 * Security's session management settings is touched, so, as in a plain Spring Security application,
 * no {@code SessionManagementFilter} runs: a request a stateless filter authenticates (a token,
 * HTTP Basic) without saving its context stays stateless, and never becomes a cookie session.
 * Nothing here creates a servlet container session. What the application configures after it wins:
 * its own repository, cache or strategy replaces these.
 */
public final class SessionkitHttpSecurityCustomizer implements Customizer<HttpSecurity> {

  private final SecurityContextRepository securityContextRepository;
  private final CsrfTokenRepository csrfTokenRepository;
  private final RequestCache requestCache;
  private final SessionAuthenticationStrategy sessionAuthenticationStrategy;
  private final LogoutHandler logoutHandler;

  /** A customizer applying these components. */
  public SessionkitHttpSecurityCustomizer(
      SecurityContextRepository securityContextRepository,
      CsrfTokenRepository csrfTokenRepository,
      RequestCache requestCache,
      SessionAuthenticationStrategy sessionAuthenticationStrategy,
      LogoutHandler logoutHandler) {
    this.securityContextRepository = securityContextRepository;
    this.csrfTokenRepository = csrfTokenRepository;
    this.requestCache = requestCache;
    this.sessionAuthenticationStrategy = sessionAuthenticationStrategy;
    this.logoutHandler = logoutHandler;
  }

  @Override
  public void customize(HttpSecurity http) {
    http.securityContext(
            context ->
                context.securityContextRepository(
                    new DelegatingSecurityContextRepository(
                        securityContextRepository,
                        new RequestAttributeSecurityContextRepository())))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokenRepository))
        .requestCache(cache -> cache.requestCache(requestCache))
        .sessionManagement(
            sessions ->
                sessions.withObjectPostProcessor(
                    new SessionkitLoginStrategies(sessionAuthenticationStrategy)))
        .logout(logout -> logout.addLogoutHandler(logoutHandler));
  }
}
