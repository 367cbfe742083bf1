package dev.sessionkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The outcome of connecting once per JVM to a server the tests need (PostgreSQL, MariaDB, Redis):
 * the live resource, or why there is none.
 *
 * <p>When the server is unreachable, a test asking for it is skipped with a message naming the
 * server and the reason, unless the system property {@value #REQUIRE_SERVICES} is {@code true} (CI
 * sets it), in which case the test fails with that message. The reason is also printed to standard
 * error once, when the connection is first attempted, so a skip is never silent.
 *
 * <p>Kept in JUnit's root store, which closes the resource when the test run ends.
 */
public final class ServiceAvailability<T extends AutoCloseable> implements AutoCloseable {

  /** The system property that turns a missing server from a skip into a failure. */
  public static final String REQUIRE_SERVICES = "sessionkit.require-services";

  private final String server;
  private final @Nullable T resource;
  private final @Nullable String reason;

  private ServiceAvailability(String server, @Nullable T resource, @Nullable String reason) {
    this.server = server;
    this.resource = resource;
    this.reason = reason;
  }

  /** A reachable server and the resource that talks to it. */
  public static <T extends AutoCloseable> ServiceAvailability<T> up(String server, T resource) {
    return new ServiceAvailability<>(server, Objects.requireNonNull(resource, "resource"), null);
  }

  /** An unreachable server; prints {@code reason} to standard error. */
  public static <T extends AutoCloseable> ServiceAvailability<T> down(
      String server, String reason) {
    System.err.println(
        "[sessionkit tests] "
            + server
            + " is not reachable ("
            + reason
            + "); "
            + (servicesRequired()
                ? "tests that need it FAIL because -D" + REQUIRE_SERVICES + "=true"
                : "tests that need it are SKIPPED (set -D"
                    + REQUIRE_SERVICES
                    + "=true to make this a failure)"));
    return new ServiceAvailability<>(server, null, reason);
  }

  /** Whether missing servers fail the tests instead of skipping them. */
  public static boolean servicesRequired() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_SERVICES, "false"));
  }

  /**
   * The resource; when the server is down, fails the calling test if services are required and
   * skips it (a JUnit assumption) otherwise.
   */
  public T require() {
    T available = resource;
    if (available != null) {
      return available;
    }
    if (servicesRequired()) {
      return fail(
          server + " is required (-D" + REQUIRE_SERVICES + "=true) but not reachable: " + reason);
    }
    return Assumptions.abort(server + " is not reachable, test skipped: " + reason);
  }

  @Override
  public void close() throws Exception {
    if (resource != null) {
      resource.close();
    }
  }

  /** A short description of why connecting failed: the exception type and message of the cause. */
  public static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String outer = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return cause == failure
        ? outer
        : outer + " (cause: " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }
}
