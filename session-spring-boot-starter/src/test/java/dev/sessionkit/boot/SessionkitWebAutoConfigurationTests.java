package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.web.ContainerSessionGuard;
import dev.sessionkit.boot.web.SessionArgumentResolver;
import dev.sessionkit.boot.web.SessionCookie;
import dev.sessionkit.boot.web.SessionFilter;
import dev.sessionkit.boot.web.SessionFlashMapManager;
import dev.sessionkit.boot.web.SessionInterruptedExceptionResolver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

/** The servlet side appears in servlet web applications only, and backs off for user beans. */
class SessionkitWebAutoConfigurationTests {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionkitAutoConfiguration.class, SessionkitWebAutoConfiguration.class));

  @Test
  void servletApplicationGetsTheFilterBeforeSpringSecurity() {
    web.run(
        context -> {
          FilterRegistrationBean<?> registration =
              context.getBean("sessionkitFilter", FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isInstanceOf(SessionFilter.class);
          assertThat(registration.getOrder()).isEqualTo(SessionFilter.DEFAULT_ORDER);
          // Spring Security's filter chain is registered at
          // SecurityProperties.DEFAULT_FILTER_ORDER.
          int springSecurityDefaultFilterOrder = -100;
          assertThat(registration.getOrder()).isLessThan(springSecurityDefaultFilterOrder);
          assertThat(registration.getFilterName()).isEqualTo("sessionkitFilter");
        });
  }

  @Test
  void servletApplicationGetsTheContainerSessionGuardRightAfterTheFilterWarningByDefault() {
    web.run(
        context -> {
          FilterRegistrationBean<?> registration =
              context.getBean("sessionkitContainerSessionGuard", FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isInstanceOf(ContainerSessionGuard.class);
          assertThat(registration.getOrder()).isEqualTo(SessionFilter.DEFAULT_ORDER + 1);
          assertThat(registration.getFilter()).extracting("failOnCreation").isEqualTo(false);
        });
  }

  @Test
  void containerSessionFailMakesTheGuardFail() {
    web.withPropertyValues("sessionkit.container-session=fail")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                "sessionkitContainerSessionGuard", FilterRegistrationBean.class)
                            .getFilter())
                    .extracting("failOnCreation")
                    .isEqualTo(true));
  }

  @Test
  void springMvcGetsTheSessionFlashMapManagerUnlessTheApplicationHasOne() {
    web.run(
        context ->
            assertThat(context.getBean("flashMapManager"))
                .isInstanceOf(SessionFlashMapManager.class));
    web.withBean("flashMapManager", FlashMapManager.class, SessionFlashMapManagerSubstitute::new)
        .run(
            context ->
                assertThat(context.getBean("flashMapManager"))
                    .isInstanceOf(SessionFlashMapManagerSubstitute.class));
  }

  /** An application's own flash map manager. */
  static final class SessionFlashMapManagerSubstitute extends SessionFlashMapManager {
    SessionFlashMapManagerSubstitute() {
      super(SessionCookie.named("own"));
    }
  }

  @Test
  void servletApplicationGetsASessionBeanThatFailsClearlyOutsideARequest() {
    web.run(
        context -> {
          Session session = context.getBean(Session.class);
          assertThat(session.toString()).isEqualTo("Session proxy for the current request");
          assertThatIllegalStateException()
              .isThrownBy(() -> session.get("k"))
              .withMessageStartingWith(
                  "No current request: a sessionkit Session bean can only be"
                      + " used by a thread that is handling an HTTP request.");
        });
  }

  @Test
  void springMvcGetsTheSessionArgumentResolver() {
    web.run(
        context -> {
          List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
          context
              .getBeansOfType(WebMvcConfigurer.class)
              .values()
              .forEach(configurer -> configurer.addArgumentResolvers(resolvers));
          assertThat(resolvers).hasExactlyElementsOfTypes(SessionArgumentResolver.class);
        });
  }

  @Test
  void springMvcAsksTheSessionInterruptedExceptionResolverFirst() {
    web.run(
        context -> {
          List<HandlerExceptionResolver> resolvers = new ArrayList<>();
          resolvers.add(new ExceptionHandlerExceptionResolver());
          context
              .getBeansOfType(WebMvcConfigurer.class)
              .values()
              .forEach(configurer -> configurer.extendHandlerExceptionResolvers(resolvers));
          assertThat(resolvers)
              .hasExactlyElementsOfTypes(
                  SessionInterruptedExceptionResolver.class,
                  ExceptionHandlerExceptionResolver.class);
        });
  }

  @Test
  void cookieFollowsTheProperties() {
    web.withPropertyValues(
            "sessionkit.cookie.name=sid",
            "sessionkit.cookie.domain=example.org",
            "sessionkit.cookie.path=/shop",
            "sessionkit.cookie.secure=true",
            "sessionkit.cookie.http-only=false",
            "sessionkit.cookie.same-site=None")
        .run(
            context -> {
              SessionCookie cookie = context.getBean(SessionCookie.class);
              assertThat(cookie.name()).isEqualTo("sid");
              assertThat(cookie.domain()).isEqualTo("example.org");
              assertThat(cookie.path()).isEqualTo("/shop");
              assertThat(cookie.secure()).isTrue();
              assertThat(cookie.httpOnly()).isFalse();
              assertThat(cookie.sameSite()).isEqualTo("None");
            });
  }

  @Test
  void cookieDefaultsAreDjangos() {
    web.run(
        context -> {
          SessionCookie cookie = context.getBean(SessionCookie.class);
          assertThat(cookie.name()).isEqualTo("sessionid");
          assertThat(cookie.domain()).isNull();
          assertThat(cookie.path()).isEqualTo("/");
          assertThat(cookie.secure()).isFalse();
          assertThat(cookie.httpOnly()).isTrue();
          assertThat(cookie.sameSite()).isEqualTo("Lax");
        });
  }

  @Test
  void nonWebApplicationGetsAStoreButNoFilterAndNoSessionBean() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SessionkitAutoConfiguration.class, SessionkitWebAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionStore.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).doesNotHaveBean(Session.class);
              assertThat(context).doesNotHaveBean(SessionCookie.class);
            });
  }

  @Test
  void applicationsFilterRegistrationWins() {
    web.withUserConfiguration(MyFilterConfiguration.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("sessionkitFilter");
              assertThat(context).hasBean("myFilter");
            });
  }

  @Test
  void applicationsSessionCookieWins() {
    SessionCookie mine = SessionCookie.named("mine");
    web.withBean(SessionCookie.class, () -> mine)
        .run(context -> assertThat(context.getBean(SessionCookie.class)).isSameAs(mine));
  }

  @Configuration(proxyBeanMethods = false)
  static class MyFilterConfiguration {

    @Bean
    FilterRegistrationBean<SessionFilter> myFilter(SessionStore store) {
      return new FilterRegistrationBean<>(
          new SessionFilter(store, SessionCookie.named("mine"), false));
    }
  }
}
