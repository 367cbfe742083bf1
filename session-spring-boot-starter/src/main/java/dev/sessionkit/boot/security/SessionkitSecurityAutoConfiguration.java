package dev.sessionkit.boot.security;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.boot.SessionkitWebAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Auto-configuration of Spring Security on sessionkit, in servlet applications that have Spring
 * Security's web and config modules: the SecurityContext, the CSRF token and the saved request in
 * the sessionkit {@code Session}, a new session key at login, the session ended at logout, applied
 * to every {@link HttpSecurity} by {@link SessionkitHttpSecurityCustomizer}, and the persistent
 * remember-me series of a revoked session expired. Each bean backs off when the application defines
 * one of its type; {@code sessionkit.security.enabled=false} turns it all off.
 */
@AutoConfiguration(after = SessionkitWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, SecurityContextRepository.class})
@ConditionalOnBean(SessionStore.class)
@ConditionalOnBooleanProperty(name = "sessionkit.security.enabled", matchIfMissing = true)
public final class SessionkitSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SessionSecurityContextRepository sessionkitSecurityContextRepository(
      ObjectProvider<SecurityContextHolderStrategy> strategy, SessionkitProperties properties) {
    SessionSecurityContextRepository repository = new SessionSecurityContextRepository();
    strategy.ifAvailable(repository::setSecurityContextHolderStrategy);
    repository.setRecordedDeviceDetails(
        properties.getSecurity().isRecordUserAgent(), properties.getSecurity().isRecordIpAddress());
    return repository;
  }

  @Bean
  @ConditionalOnMissingBean
  SessionCsrfTokenRepository sessionkitCsrfTokenRepository() {
    return new SessionCsrfTokenRepository();
  }

  @Bean
  @ConditionalOnMissingBean
  SessionRequestCache sessionkitRequestCache() {
    return new SessionRequestCache();
  }

  @Bean
  @ConditionalOnMissingBean
  CycleSessionKeyAuthenticationStrategy sessionkitAuthenticationStrategy() {
    return new CycleSessionKeyAuthenticationStrategy();
  }

  @Bean
  @ConditionalOnMissingBean
  FlushSessionLogoutHandler sessionkitLogoutHandler() {
    return new FlushSessionLogoutHandler();
  }

  /**
   * The registry {@code maximumSessions(n)} uses, on the backend's index of principals. On a
   * backend without one (the cookie backends), concurrent-session control fails at login with the
   * reason, rather than counting only one JVM's sessions.
   */
  @Bean
  @ConditionalOnMissingBean(SessionRegistry.class)
  PrincipalSessionRegistry sessionkitSessionRegistry(SessionStore store) {
    return new PrincipalSessionRegistry(store);
  }

  /**
   * Wraps the application's beans declared as {@link PersistentTokenRepository} so that each
   * session records its remember-me series, for {@link ExpireRememberMeSessionListener}; a bean
   * declared as a concrete class is left alone, with a warning.
   */
  @Bean
  static SeriesRecordingTokenRepositoryPostProcessor sessionkitRememberMeSeriesRecorder() {
    return new SeriesRecordingTokenRepositoryPostProcessor();
  }

  /**
   * Expires the persistent remember-me series of every session that a revocation signs out, so that
   * the device stays signed out.
   */
  @Bean
  @ConditionalOnBean(PersistentTokenRepository.class)
  @ConditionalOnMissingBean
  ExpireRememberMeSessionListener sessionkitRememberMeRevocation(
      ObjectProvider<PersistentTokenRepository> repositories) {
    return new ExpireRememberMeSessionListener(repositories);
  }

  @Bean
  @ConditionalOnMissingBean
  SessionkitHttpSecurityCustomizer sessionkitHttpSecurityCustomizer(
      SessionSecurityContextRepository securityContextRepository,
      SessionCsrfTokenRepository csrfTokenRepository,
      SessionRequestCache requestCache,
      CycleSessionKeyAuthenticationStrategy authenticationStrategy,
      FlushSessionLogoutHandler logoutHandler) {
    return new SessionkitHttpSecurityCustomizer(
        securityContextRepository,
        csrfTokenRepository,
        requestCache,
        authenticationStrategy,
        logoutHandler);
  }
}
