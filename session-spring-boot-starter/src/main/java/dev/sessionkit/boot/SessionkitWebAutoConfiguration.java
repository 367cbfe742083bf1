package dev.sessionkit.boot;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.web.ContainerSessionGuard;
import dev.sessionkit.boot.web.CurrentSession;
import dev.sessionkit.boot.web.SessionArgumentResolver;
import dev.sessionkit.boot.web.SessionCookie;
import dev.sessionkit.boot.web.SessionFilter;
import dev.sessionkit.boot.web.SessionFlashMapManager;
import dev.sessionkit.boot.web.SessionInterruptedExceptionResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the servlet side, in servlet web applications: the {@link SessionFilter}
 * (Django's session middleware) registered at {@link SessionFilter#DEFAULT_ORDER}, before Spring
 * Security's filters; the {@link SessionCookie} from {@code sessionkit.cookie.*}; a {@link Session}
 * bean that acts on the current request's session (inject it into singletons); and, with Spring
 * MVC, {@link Session} handler-method parameters and the filter's answers (400, 409) to a session
 * that other requests deleted or saved while a handler ran ({@link
 * SessionInterruptedExceptionResolver}), and flash attributes kept in the session ({@link
 * SessionFlashMapManager}, the bean {@code flashMapManager}, so before Boot's Spring MVC
 * configuration). The {@link ContainerSessionGuard}, right after the session filter, warns about
 * (or, with {@code sessionkit.container-session=fail}, forbids) servlet container sessions.
 */
@AutoConfiguration(
    after = SessionkitAutoConfiguration.class,
    beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(
    name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"})
@ConditionalOnBean(SessionStore.class)
public final class SessionkitWebAutoConfiguration {

  /** The name under which the filter is registered with the servlet container. */
  static final String FILTER_NAME = "sessionkitFilter";

  /** The name under which the container session guard is registered. */
  static final String GUARD_NAME = "sessionkitContainerSessionGuard";

  @Bean
  @ConditionalOnMissingBean
  SessionCookie sessionkitCookie(SessionkitProperties properties) {
    SessionkitProperties.Cookie cookie = properties.getCookie();
    return SessionCookie.named(cookie.getName())
        .withDomain(cookie.getDomain())
        .withPath(cookie.getPath())
        .withSecure(cookie.isSecure())
        .withHttpOnly(cookie.isHttpOnly())
        .withSameSite(cookie.getSameSite().attributeValue());
  }

  @Bean
  @ConditionalOnMissingBean(
      value = SessionFilter.class,
      parameterizedContainer = FilterRegistrationBean.class)
  FilterRegistrationBean<SessionFilter> sessionkitFilter(
      SessionStore store, SessionCookie cookie, SessionkitProperties properties) {
    FilterRegistrationBean<SessionFilter> registration =
        new FilterRegistrationBean<>(
            new SessionFilter(store, cookie, properties.isSaveEveryRequest()));
    registration.setName(FILTER_NAME);
    registration.setOrder(SessionFilter.DEFAULT_ORDER);
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean(
      value = ContainerSessionGuard.class,
      parameterizedContainer = FilterRegistrationBean.class)
  FilterRegistrationBean<ContainerSessionGuard> sessionkitContainerSessionGuard(
      SessionkitProperties properties) {
    boolean fail = properties.getContainerSession() == SessionkitProperties.ContainerSession.FAIL;
    FilterRegistrationBean<ContainerSessionGuard> registration =
        new FilterRegistrationBean<>(new ContainerSessionGuard(fail));
    registration.setName(GUARD_NAME);
    registration.setOrder(ContainerSessionGuard.DEFAULT_ORDER);
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean(Session.class)
  Session sessionkitCurrentSession() {
    return CurrentSession.proxy();
  }

  /** {@link Session} parameters of Spring MVC handler methods. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
  static class WebMvcConfiguration {

    @Bean
    SessionkitWebMvcConfigurer sessionkitWebMvcConfigurer(SessionCookie cookie) {
      return new SessionkitWebMvcConfigurer(cookie.name());
    }

    @Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
    @ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
    SessionFlashMapManager flashMapManager(SessionCookie cookie) {
      return new SessionFlashMapManager(cookie);
    }
  }

  /**
   * Adds the {@link SessionArgumentResolver}, and the {@link SessionInterruptedExceptionResolver}
   * ahead of every other exception resolver (so before the application's
   * {@code @ExceptionHandler}s).
   */
  static final class SessionkitWebMvcConfigurer implements WebMvcConfigurer {

    private final String sessionCookieName;

    SessionkitWebMvcConfigurer(String sessionCookieName) {
      this.sessionCookieName = sessionCookieName;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
      resolvers.add(new SessionArgumentResolver());
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
      resolvers.add(0, new SessionInterruptedExceptionResolver(sessionCookieName));
    }
  }
}
