package dev.sessionkit.sample;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs (a browser, a database server) is missing: skip with the
 * reason printed, or fail when the system property {@code sessionkit.require-services} is {@code
 * true}, as CI sets it.
 */
final class RequiredServices {

  private RequiredServices() {}

  /** Skips or fails the current test (or test class) for {@code reason}. */
  static void missing(String reason) {
    if (Boolean.getBoolean("sessionkit.require-services")) {
      fail(reason + ", and sessionkit.require-services is true");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** Skips or fails unless a server listens on {@code 127.0.0.1:port}. */
  static void requireListening(String service, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      missing(service + " is not running on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
    }
  }
}
