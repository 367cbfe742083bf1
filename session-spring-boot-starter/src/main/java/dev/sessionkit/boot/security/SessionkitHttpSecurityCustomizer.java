package dev.sessionkit.boot.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
 * error and async dispatches), the {@link CsrfTokenRepository}, the {@link RequestCache}, the
 * {@link SessionAuthenticationStrategy} run at login ({@link
 * CycleSessionKeyAuthenticationStrategy}; Spring Security adds its CSRF strategy, and later ones
 * such as concurrent-session control, beside it), a {@link LogoutHandler} ({@link
 * FlushSessionLogoutHandler}) and the session creation policy {@code NEVER}, so that Spring
 * Security never creates a servlet container session; with {@code maximumSessions(n)}, the login's
 * registration of the container session is replaced by nothing ({@link
 * IndexedSessionRegistration}), since the {@link PrincipalSessionRegistry} reads sessionkit's own
 * index. What the application configures after it wins: its own repository, cache or strategy
 * replaces these.
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
                sessions
                    .sessionCreationPolicy(SessionCreationPolicy.NEVER)
                    .sessionAuthenticationStrategy(sessionAuthenticationStrategy)
                    .withObjectPostProcessor(new IndexedSessionRegistration()))
        .logout(logout -> logout.addLogoutHandler(logoutHandler));
  }
}
