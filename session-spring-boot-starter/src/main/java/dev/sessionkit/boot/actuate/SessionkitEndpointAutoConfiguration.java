package dev.sessionkit.boot.actuate;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sessionkit} actuator endpoint ({@link SessionkitEndpoint}), when the application has
 * Actuator and a {@link SessionStore}, and the endpoint is available (its access is not {@code
 * none}, and it is exposed).
 */
@AutoConfiguration(after = SessionkitAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(SessionStore.class)
@ConditionalOnAvailableEndpoint(SessionkitEndpoint.class)
public final class SessionkitEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SessionkitEndpoint sessionkitEndpoint(SessionStore store) {
    return new SessionkitEndpoint(store);
  }
}
