package dev.sessionkit.benchmarks.http;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The HTTP benchmark's application: the same four endpoints ({@code /touch}, {@code /read}, {@code
 * /incr}, {@code /incr-getput}) on one session stack, chosen by the active profile:
 *
 * <ul>
 *   <li>{@code sessionkit-db} (and {@code sessionkit-db-mariadb}, for the soak), {@code
 *       sessionkit-redis}, {@code sessionkit-cache}, {@code sessionkit-cached-db-redis}, {@code
 *       sessionkit-cached-db-caffeine}, {@code sessionkit-signed-cookies}, {@code
 *       sessionkit-encrypted-cookies}: sessionkit's starter with the {@code SessionStore} bean
 *       defined in {@link SessionkitStores} or {@link SessionkitCompositeStores};
 *   <li>{@code sessionkit-redis-jedis}: {@code sessionkit-redis} over Jedis instead of Lettuce, for
 *       comparing the two transports (not among {@code run-http.sh}'s default apps);
 *   <li>{@code spring-session-jdbc}, {@code spring-session-redis}: Spring Session with Boot's
 *       defaults;
 *   <li>{@code tomcat}: the servlet container's in-memory {@code HttpSession}.
 * </ul>
 *
 * <p>{@code run-http.sh} and {@code run-soak.sh} start each on its own classpath (only that stack's
 * session library), so no stack has to back off for another. This class references none of them.
 */
@SpringBootApplication
public class BenchmarkApplication {

  /** Starts the app; pass {@code --spring.profiles.active=<stack>} and {@code --server.port}. */
  public static void main(String[] args) {
    SpringApplication.run(BenchmarkApplication.class, args);
  }
}
