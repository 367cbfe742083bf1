package dev.sessionkit.boot.health;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator named {@code sessionkit} for the session backend (database reachable,
 * directory there and writable, cache answering), when Spring Boot's health support is present;
 * {@code management.health.sessionkit.enabled=false} turns it off.
 */
@AutoConfiguration(after = SessionkitAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(SessionStore.class)
@ConditionalOnEnabledHealthIndicator("sessionkit")
public final class SessionkitHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "sessionkitHealthIndicator")
  HealthIndicator sessionkitHealthIndicator(SessionStore store) {
    return new SessionStoreHealthIndicator(store);
  }
}
