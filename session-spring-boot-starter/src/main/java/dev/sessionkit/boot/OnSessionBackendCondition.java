package dev.sessionkit.boot;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnSessionBackend}: binds {@code sessionkit.backend} as {@link
 * SessionkitProperties} does and compares the backends. A value that does not bind stops startup
 * here, with a failure analysis that names the value and the backends.
 */
final class OnSessionBackendCondition extends SpringBootCondition {

  static final String PROPERTY = "sessionkit.backend";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes =
        metadata.getAnnotationAttributes(ConditionalOnSessionBackend.class.getName());
    SessionkitProperties.Backend wanted =
        (SessionkitProperties.Backend) Objects.requireNonNull(attributes).get("value");
    SessionkitProperties.Backend chosen;
    try {
      chosen =
          Binder.get(context.getEnvironment())
              .bind(PROPERTY, SessionkitProperties.Backend.class)
              .orElse(SessionkitProperties.Backend.AUTO);
    } catch (BindException ex) {
      throw unknownBackend(context.getEnvironment().getProperty(PROPERTY));
    }
    String message = PROPERTY + " is " + chosen;
    return chosen == wanted ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }

  /**
   * Stops startup at the first backend condition, before any bean needs a {@code SessionStore}:
   * otherwise the application would fail later on a missing bean, with no word of the property.
   */
  private static SessionkitConfigurationException unknownBackend(@Nullable String value) {
    String names =
        Arrays.stream(SessionkitProperties.Backend.values())
            .map(backend -> backend.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    return new SessionkitConfigurationException(
        PROPERTY + " is '" + value + "', which names no backend.",
        "Set " + PROPERTY + " to one of: " + names + ".");
  }
}
