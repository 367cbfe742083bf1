package dev.sessionkit.boot.observation;

import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.engine.StorageSessionStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observations of the session store's storage calls ({@link
 * ObservationOperationObserver}), when the application has an {@link ObservationRegistry} (Spring
 * Boot's actuator makes one) and the store is a {@link StorageSessionStore}. Turned off with {@code
 * sessionkit.observations.enabled=false}.
 */
@AutoConfiguration(
    after = SessionkitAutoConfiguration.class,
    afterName =
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, SessionStore.class})
@ConditionalOnBooleanProperty(name = "sessionkit.observations.enabled", matchIfMissing = true)
public final class SessionkitObservationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ObservationOperationObserver sessionkitObservations(ObservationRegistry registry) {
    return new ObservationOperationObserver(registry);
  }

  /** Hands the observer to the store once both exist; a store of another kind is left alone. */
  @Bean
  SmartInitializingSingleton sessionkitObservationRegistrar(
      ObjectProvider<SessionStore> store, ObservationOperationObserver observer) {
    return () -> {
      if (store.getIfUnique() instanceof StorageSessionStore engine) {
        engine.observeWith(observer);
      }
    };
  }
}
