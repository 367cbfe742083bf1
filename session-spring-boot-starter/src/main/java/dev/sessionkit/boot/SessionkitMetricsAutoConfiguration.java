package dev.sessionkit.boot;

import dev.sessionkit.AbstractSessionStore;
import dev.sessionkit.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the session store, when the application has a {@link MeterRegistry}: {@code
 * sessionkit.session.load} and {@code .save} timers, {@code .creates}, {@code .deletes} and {@code
 * .failures} counters, all tagged with the backend. Stores that are not an {@link
 * AbstractSessionStore} are not instrumented.
 */
@AutoConfiguration(
    after = SessionkitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, SessionStore.class})
public final class SessionkitMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MicrometerSessionStoreObserver sessionkitMeters(SessionStore store, MeterRegistry registry) {
    MicrometerSessionStoreObserver observer =
        new MicrometerSessionStoreObserver(registry, SessionBackends.name(store));
    if (store instanceof AbstractSessionStore observable) {
      observable.setObserver(observer);
    }
    return observer;
  }
}
