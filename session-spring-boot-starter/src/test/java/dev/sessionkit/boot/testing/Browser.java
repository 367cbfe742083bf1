package dev.sessionkit.boot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP client that keeps cookies like a browser (java.net.http with a {@link
 * CookieManager}), plus raw requests for cookie headers a browser would never send.
 */
public final class Browser {

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final TestServer server;

  public Browser(TestServer server) {
    this.server = server;
  }

  /** GETs {@code pathAndQuery}, sending and keeping cookies. */
  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs an empty body to {@code pathAndQuery}, sending and keeping cookies. */
  public HttpResponse<String> post(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code pathAndQuery} without waiting for the answer. */
  public CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
    return client.sendAsync(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code pathAndQuery} keeping the body as bytes. */
  public HttpResponse<byte[]> getBytes(String pathAndQuery) {
    return send(request(pathAndQuery), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The value of the session cookie this browser holds, or null. */
  public @Nullable String cookie(String name) {
    List<HttpCookie> held = cookies.getCookieStore().get(server.uri("/"));
    return held.stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request, body);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(server.uri(pathAndQuery))
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
  }

  /**
   * Sends {@code GET pathAndQuery} over a plain socket with the given {@code Cookie} header bytes
   * (any bytes, even ones no client library would send) and returns the whole raw response.
   */
  public static String rawGet(TestServer server, String pathAndQuery, byte[] cookieHeaderValue) {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + pathAndQuery
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + server.port()
                  + "\r\nConnection: close\r\nCookie: ")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(cookieHeaderValue);
      out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Builds a {@link URI} for {@code pathAndQuery} on the server this browser talks to. */
  public URI uri(String pathAndQuery) {
    return server.uri(pathAndQuery);
  }
}
