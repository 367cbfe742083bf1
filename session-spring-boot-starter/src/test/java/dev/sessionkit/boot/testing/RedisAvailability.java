package dev.sessionkit.boot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether Redis answers at 127.0.0.1:6379. Tests that need it are skipped, with the reason printed,
 * when it does not, unless {@code -Dsessionkit.require-services=true} (CI), which makes them fail.
 */
public final class RedisAvailability {

  /** The system property that turns a missing server from a skip into a failure. */
  public static final String REQUIRE_SERVICES = "sessionkit.require-services";

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 6379;

  private RedisAvailability() {}

  /** Returns when Redis is reachable; otherwise fails or skips the calling test. */
  public static void require() {
    String reason = probe();
    if (reason == null) {
      return;
    }
    boolean required = Boolean.parseBoolean(System.getProperty(REQUIRE_SERVICES, "false"));
    System.err.println(
        "[sessionkit tests] Redis at "
            + HOST
            + ":"
            + PORT
            + " is not reachable ("
            + reason
            + "); "
            + (required
                ? "tests that need it FAIL because -D" + REQUIRE_SERVICES + "=true"
                : "tests that need it are SKIPPED (set -D"
                    + REQUIRE_SERVICES
                    + "=true to make this a failure)"));
    if (required) {
      fail("Redis is required (-D" + REQUIRE_SERVICES + "=true) but not reachable: " + reason);
    }
    Assumptions.abort("Redis is not reachable, test skipped: " + reason);
  }

  /** Null when Redis answers PING, else why not. */
  private static String probe() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 2000);
      socket.setSoTimeout(2000);
      socket
          .getOutputStream()
          .write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] answer = new byte[7];
      int read = socket.getInputStream().read(answer);
      String text =
          read > 0 ? new String(answer, 0, read, java.nio.charset.StandardCharsets.US_ASCII) : "";
      return text.startsWith("+PONG") ? null : "unexpected answer to PING: " + text.trim();
    } catch (IOException ex) {
      return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
  }
}
