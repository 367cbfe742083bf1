package dev.sessionkit.boot;

import dev.sessionkit.boot.SessionkitProperties.Backend;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code sessionkit.backend} names {@link #value()}, read as the {@link Backend} it
 * binds to: every spelling Spring Boot accepts for the property ({@code cached-db}, {@code
 * CACHED_DB}, {@code cachedDb}, an environment variable {@code SESSIONKIT_BACKEND=SIGNED_COOKIES},
 * ...) selects the same backend. Comparing the raw text instead (as
 * {@code @ConditionalOnProperty(havingValue = ...)} does) would bind such a spelling without error
 * and select no backend at all. A missing property reads as {@link Backend#AUTO}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnSessionBackendCondition.class)
public @interface ConditionalOnSessionBackend {

  /** The backend that must be chosen. */
  Backend value();
}
