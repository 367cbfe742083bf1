package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitWebAutoConfiguration;
import dev.sessionkit.boot.web.SessionFlashMapManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.rememberme.InMemoryTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/** The integration appears with Spring Security, backs off for user beans and by property. */
@ExtendWith(OutputCaptureExtension.class)
class SessionkitSecurityAutoConfigurationTests {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class,
                  SessionkitWebAutoConfiguration.class,
                  SessionkitSecurityAutoConfiguration.class));

  @Test
  void springSecurityOnTheClasspathGetsEveryComponentAndTheCustomizer() {
    web.run(
        context ->
            assertThat(context)
                .hasSingleBean(SessionSecurityContextRepository.class)
                .hasSingleBean(SessionCsrfTokenRepository.class)
                .hasSingleBean(SessionRequestCache.class)
                .hasSingleBean(CycleSessionKeyAuthenticationStrategy.class)
                .hasSingleBean(FlushSessionLogoutHandler.class)
                .hasSingleBean(SessionkitHttpSecurityCustomizer.class)
                .getBean("flashMapManager")
                .isInstanceOf(SessionFlashMapManager.class));
  }

  @Test
  void securityEnabledFalseTurnsTheIntegrationOff() {
    web.withPropertyValues("sessionkit.security.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(SessionkitHttpSecurityCustomizer.class)
                    .doesNotHaveBean(SessionSecurityContextRepository.class));
  }

  @Test
  void withoutSpringSecurityNothingIsConfigured() {
    web.withClassLoader(new FilteredClassLoader(HttpSecurity.class))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(SessionkitHttpSecurityCustomizer.class)
                    .doesNotHaveBean(SessionCsrfTokenRepository.class));
  }

  @Test
  void nonWebApplicationGetsNothing() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class, SessionkitSecurityAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(SessionStore.class)
                    .doesNotHaveBean(SessionkitHttpSecurityCustomizer.class));
  }

  @Test
  void withoutASessionStoreNothingIsConfigured() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionkitSecurityAutoConfiguration.class))
        .run(
            context -> assertThat(context).doesNotHaveBean(SessionkitHttpSecurityCustomizer.class));
  }

  @Test
  void applicationBeansReplaceTheirDefaults() {
    web.withUserConfiguration(OwnComponents.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionCsrfTokenRepository.class);
              assertThat(context.getBean(SessionCsrfTokenRepository.class))
                  .isSameAs(context.getBean("ownCsrfTokenRepository"));
              assertThat(context.getBean(SessionkitHttpSecurityCustomizer.class))
                  .isSameAs(context.getBean("ownCustomizer"));
            });
  }

  @Test
  void aPersistentTokenRepositoryBeanIsWrappedAndItsRevocationListenerAdded() {
    web.withUserConfiguration(TokenRepository.class)
        .run(
            context -> {
              assertThat(context.getBean(PersistentTokenRepository.class))
                  .isInstanceOf(SeriesRecordingTokenRepository.class);
              assertThat(
                      ((SeriesRecordingTokenRepository)
                              context.getBean(PersistentTokenRepository.class))
                          .repository())
                  .isInstanceOf(InMemoryTokenRepositoryImpl.class);
              assertThat(context).hasSingleBean(ExpireRememberMeSessionListener.class);
            });
  }

  @Test
  void aBeanRegisteredAsPersistentTokenRepositoryIsWrapped() {
    web.withBean(PersistentTokenRepository.class, InMemoryTokenRepositoryImpl::new)
        .run(
            context ->
                assertThat(context.getBean(PersistentTokenRepository.class))
                    .isInstanceOf(SeriesRecordingTokenRepository.class));
  }

  @Test
  void aBeanDeclaredAsItsConcreteClassIsLeftAloneForItsInjectionPointsWithOneWarning(
      CapturedOutput output) {
    web.withUserConfiguration(ConcreteJdbcTokenRepository.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PersistentTokenRepository.class))
                  .isInstanceOf(JdbcTokenRepositoryImpl.class)
                  .isSameAs(context.getBean(TokensUser.class).tokens());
              assertThat(context).hasSingleBean(ExpireRememberMeSessionListener.class);
            });
    String warning =
        "'tokens' ("
            + JdbcTokenRepositoryImpl.class.getName()
            + ") is not declared as"
            + " PersistentTokenRepository";
    assertThat(output.getOut()).containsOnlyOnce(warning);
    assertThat(output.getOut())
        .contains(
            "declare it as PersistentTokenRepository so that signing a device out ends its"
                + " remember-me login");
  }

  @Test
  void withoutAPersistentTokenRepositoryThereIsNoRevocationListener() {
    web.run(context -> assertThat(context).doesNotHaveBean(ExpireRememberMeSessionListener.class));
  }

  @Test
  void securityEnabledFalseLeavesThePersistentTokenRepositoryAlone() {
    web.withUserConfiguration(TokenRepository.class)
        .withPropertyValues("sessionkit.security.enabled=false")
        .run(
            context -> {
              assertThat(context.getBean(PersistentTokenRepository.class))
                  .isInstanceOf(InMemoryTokenRepositoryImpl.class);
              assertThat(context).doesNotHaveBean(ExpireRememberMeSessionListener.class);
            });
  }

  @Test
  void anApplicationRevocationListenerReplacesTheDefault() {
    web.withUserConfiguration(TokenRepository.class)
        .withBean(
            "ownRevocation",
            ExpireRememberMeSessionListener.class,
            () ->
                new ExpireRememberMeSessionListener(
                    new DefaultListableBeanFactory()
                        .getBeanProvider(PersistentTokenRepository.class)))
        .run(
            context ->
                assertThat(context)
                    .getBean(ExpireRememberMeSessionListener.class)
                    .isSameAs(context.getBean("ownRevocation")));
  }

  @Configuration(proxyBeanMethods = false)
  static class TokenRepository {

    @Bean
    PersistentTokenRepository tokenRepository() {
      return new InMemoryTokenRepositoryImpl();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ConcreteJdbcTokenRepository {

    @Bean
    JdbcTokenRepositoryImpl tokens() {
      JdbcTokenRepositoryImpl tokens = new JdbcTokenRepositoryImpl();
      tokens.setDataSource(
          new EmbeddedDatabaseBuilder()
              .setType(EmbeddedDatabaseType.H2)
              .setName("concrete-tokens-" + UUID.randomUUID())
              .build());
      return tokens;
    }

    @Bean
    TokensUser tokensUser(JdbcTokenRepositoryImpl tokens) {
      return new TokensUser(tokens);
    }
  }

  /** An application bean that injects the repository as the class it was declared as. */
  record TokensUser(JdbcTokenRepositoryImpl tokens) {}

  @Configuration(proxyBeanMethods = false)
  static class OwnComponents {

    @Bean
    SessionCsrfTokenRepository ownCsrfTokenRepository() {
      SessionCsrfTokenRepository repository = new SessionCsrfTokenRepository();
      repository.setHeaderName("X-XSRF-TOKEN");
      return repository;
    }

    @Bean
    SessionkitHttpSecurityCustomizer ownCustomizer() {
      return new SessionkitHttpSecurityCustomizer(
          new SessionSecurityContextRepository(),
          new SessionCsrfTokenRepository(),
          new SessionRequestCache(),
          new CycleSessionKeyAuthenticationStrategy(),
          new FlushSessionLogoutHandler());
    }
  }
}
