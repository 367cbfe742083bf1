package dev.sessionkit.boot.aot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a GraalVM native image of an application on sessionkit needs beyond what Spring's AOT
 * processing finds by itself: the schema scripts the starter reads from the classpath to create the
 * session table and the cleanup lock table (one per database platform, found by name at run time,
 * so no static analysis sees them).
 *
 * <p>Registered through {@code META-INF/spring/aot.factories}, so it applies whether or not the
 * application's configuration imports anything. Session data needs nothing more: the codec reads
 * and writes plain maps, lists, strings, numbers and booleans; an application that reads its own
 * classes from the session ({@code session.get(key, Cart.class)}) registers those classes for
 * binding as it would for any Jackson use.
 */
public final class SessionkitRuntimeHints implements RuntimeHintsRegistrar {

  /** The session table's schema scripts, one per database platform. */
  static final String SCHEMA_SCRIPTS = "dev/sessionkit/jdbc/schema-*.sql";

  /** The cleanup lock table's schema scripts, one per database platform. */
  static final String LOCK_SCHEMA_SCRIPTS = "dev/sessionkit/boot/cleanup-lock-schema-*.sql";

  @Override
  public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
    hints.resources().registerPattern(SCHEMA_SCRIPTS).registerPattern(LOCK_SCHEMA_SCRIPTS);
  }
}
