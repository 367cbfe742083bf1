package dev.sessionkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface, for tests of a backend whose server is down. */
public final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * A loopback port on which nothing listens: one the system just handed out and that was closed
   * again, so connecting to it is refused at once.
   */
  public static int closed() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
