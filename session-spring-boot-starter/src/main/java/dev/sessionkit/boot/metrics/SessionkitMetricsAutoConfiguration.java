package dev.sessionkit.boot.metrics;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionStores;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the session store, when the application has a {@link MeterRegistry}: {@code
 * sessionkit.session.load} and {@code .save} timers, {@code .creates}, {@code .deletes}, {@code
 * .expired}, {@code .conflicts}, {@code .unconvertible} and {@code .failures} counters, all tagged
 * with the backend. The meters are a {@link dev.sessionkit.SessionListener} that the starter adds
 * to the store next to any other listener; a store that is not a {@link
 * dev.sessionkit.engine.StorageSessionStore} takes no listeners and is not instrumented.
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
  MicrometerSessionListener sessionkitMeters(SessionStore store, MeterRegistry registry) {
    return new MicrometerSessionListener(registry, SessionStores.backend(store));
  }
}
