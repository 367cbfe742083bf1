package dev.sessionkit.boot.testing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A small web application using the starter as an application would: auto-configuration only. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({SessionTestController.class, CartService.class, GlobalExceptionAdvice.class})
public class WebTestApplication {

  @Bean
  Gates gates() {
    return new Gates();
  }

  @Bean
  SessionEventRecorder sessionEventRecorder() {
    return new SessionEventRecorder();
  }
}
