package dev.sessionkit.boot.jdbc;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when spring-jdbc or Spring Boot's JDBC support is missing, so that a backend that needs a
 * database ({@code db}, {@code cached-db}) stops with a failure analysis instead of silently
 * backing off. Internal to the starter's auto-configuration: public only for the
 * auto-configurations of those backends, in other packages; not API.
 */
public final class OnMissingJdbcSupportCondition extends SpringBootCondition {

  /** spring-jdbc's marker class. */
  public static final String JDBC_TEMPLATE = "org.springframework.jdbc.core.JdbcTemplate";

  /** Spring Boot's JDBC support's marker class. */
  public static final String BOOT_JDBC = "org.springframework.boot.jdbc.DatabaseDriver";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ClassLoader classLoader = context.getClassLoader();
    boolean present =
        ClassUtils.isPresent(JDBC_TEMPLATE, classLoader)
            && ClassUtils.isPresent(BOOT_JDBC, classLoader);
    return present
        ? ConditionOutcome.noMatch("spring-jdbc and spring-boot-jdbc are present")
        : ConditionOutcome.match("spring-jdbc or spring-boot-jdbc is missing");
  }
}
