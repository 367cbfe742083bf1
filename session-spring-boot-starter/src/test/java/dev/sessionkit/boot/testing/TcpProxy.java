package dev.sessionkit.boot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on the loopback interface that forwards every connection to a real server and can
 * simulate its outage: {@link #cut()} closes every open connection and closes each new one as soon
 * as it is accepted, {@link #restore()} forwards again. The shared servers are never stopped.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
 *   // point the client at 127.0.0.1:proxy.port()
 *   proxy.cut();
 *   proxy.restore();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "tcp-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean cut;
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** Starts a proxy on an ephemeral loopback port that forwards to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    try {
      return new TcpProxy(new InetSocketAddress(host, port));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Closes every forwarded connection, and every new one on arrival, until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  /** Forwards new connections again. */
  public void restore() {
    cut = false;
  }

  /** The number of forwarded sockets (both sides) open now. */
  public int openSockets() {
    return open.size();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    cut();
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException ex) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      threads.execute(() -> forward(client));
    }
  }

  private void forward(Socket client) {
    Socket upstream = new Socket();
    open.add(client);
    open.add(upstream);
    try {
      upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException ex) {
      release(client, upstream);
      return;
    }
    if (cut) {
      release(client, upstream);
      return;
    }
    threads.execute(() -> pump(upstream, client));
    pump(client, upstream);
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException ex) {
      // A side closed (or was cut): close both below.
    } finally {
      release(from, to);
    }
  }

  private void release(Socket first, Socket second) {
    closeQuietly(first);
    closeQuietly(second);
    open.remove(first);
    open.remove(second);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ex) {
      // Closing is best effort.
    }
  }
}
