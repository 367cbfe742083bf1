package dev.sessionkit.sample.web;

import dev.sessionkit.sample.csrf.CsrfInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the {@link CsrfInterceptor} in front of every handler. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final CsrfInterceptor csrfInterceptor;

  /** Registers {@code csrfInterceptor}. */
  public WebConfiguration(CsrfInterceptor csrfInterceptor) {
    this.csrfInterceptor = csrfInterceptor;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(csrfInterceptor);
  }
}
