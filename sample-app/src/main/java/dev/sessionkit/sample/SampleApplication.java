package dev.sessionkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop on sessionkit. With no profile it keeps sessions in an H2 database file under {@code
 * ./data}, so carts survive a restart; the profiles {@code postgres}, {@code mariadb}, {@code
 * file}, {@code cache} and {@code redis} switch the backend.
 */
@SpringBootApplication
public class SampleApplication {

  /** Starts the shop. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
