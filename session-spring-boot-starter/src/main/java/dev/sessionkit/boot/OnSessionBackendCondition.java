package dev.sessionkit.boot;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnSessionBackend}: binds {@code sessionkit.backend} as {@link
 * SessionkitProperties} does and compares the backends. A value that does not bind matches no
 * backend; binding {@link SessionkitProperties} then stops startup with Boot's own report of the
 * value and the accepted ones.
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
      return ConditionOutcome.noMatch(PROPERTY + " does not name a backend");
    }
    String message = PROPERTY + " is " + chosen;
    return chosen == wanted ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }
}
