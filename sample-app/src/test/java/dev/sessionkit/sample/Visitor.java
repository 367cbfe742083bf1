package dev.sessionkit.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A visitor of the running application over real HTTP, with a cookie jar of its own: it sends back
 * the cookies it was given, drops one deleted with {@code Max-Age=0}, and follows no redirect by
 * itself, and asks for HTML as a browser does. A visitor created with {@link #refusingCookies(int)}
 * never keeps any.
 */
final class Visitor {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final boolean keepsCookies;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  private Visitor(int port, boolean keepsCookies) {
    this.base = "http://localhost:" + port;
    this.keepsCookies = keepsCookies;
  }

  /** A visitor whose browser keeps cookies. */
  static Visitor on(int port) {
    return new Visitor(port, true);
  }

  /** A visitor whose browser refuses every cookie. */
  static Visitor refusingCookies(int port) {
    return new Visitor(port, false);
  }

  /** The value of the cookie {@code name}, or null. */
  @Nullable String cookie(String name) {
    return cookies.get(name);
  }

  /** The session cookie's value, or null. */
  @Nullable String sessionKey() {
    return cookie("sessionid");
  }

  /** Sets a cookie by hand (to replay an old session key, for example). */
  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  /** GETs {@code path}. */
  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** POSTs the form {@code fields} (name, value, name, value...) to {@code path}. */
  Page post(String path, String... fields) {
    return send(formRequest(path, fields));
  }

  /** POSTs the form {@code fields} to {@code path} with one extra request header. */
  Page postWithHeader(String path, String header, String value, String... fields) {
    return send(formRequest(path, fields).header(header, value));
  }

  /**
   * Submits a form of {@code formPage} the way a browser does: its form token, then {@code fields}.
   */
  Page submit(Page formPage, String path, String... fields) {
    String[] withToken = new String[fields.length + 2];
    withToken[0] = "_csrf";
    withToken[1] = formPage.csrfToken();
    System.arraycopy(fields, 0, withToken, 2, fields.length);
    return post(path, withToken);
  }

  /** GETs a page, then submits one of its forms ({@code formPath}) with {@code fields}. */
  Page submitFrom(String pagePath, String formPath, String... fields) {
    return submit(get(pagePath), formPath, fields);
  }

  /** Adds {@code sku} to the cart from the catalogue. */
  Page addToCart(String sku) {
    return submitFrom("/", "/cart/add", "sku", sku);
  }

  /** Logs in from the login page. */
  Page logIn(String username, String password, boolean rememberMe) {
    return rememberMe
        ? submitFrom(
            "/login", "/login", "username", username, "password", password, "remember-me", "on")
        : submitFrom("/login", "/login", "username", username, "password", password);
  }

  private HttpRequest.Builder formRequest(String path, String... fields) {
    StringJoiner form = new StringJoiner("&");
    for (int i = 0; i < fields.length; i += 2) {
      form.add(
          URLEncoder.encode(fields[i], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
  }

  private Page send(HttpRequest.Builder request) {
    request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    if (!cookies.isEmpty()) {
      StringJoiner header = new StringJoiner("; ");
      cookies.forEach((name, value) -> header.add(name + "=" + value));
      request.header("Cookie", header.toString());
    }
    HttpResponse<String> response;
    try {
      response =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Page page = new Page(response.statusCode(), response.headers(), response.body());
    if (keepsCookies) {
      page.setCookies().forEach(this::remember);
    }
    return page;
  }

  private void remember(String setCookie) {
    String[] attributes = setCookie.split(";");
    String[] nameValue = attributes[0].split("=", 2);
    String name = nameValue[0].trim();
    String value = nameValue.length > 1 ? nameValue[1].trim() : "";
    boolean deleted = value.isEmpty();
    for (String attribute : attributes) {
      if (attribute.trim().equalsIgnoreCase("Max-Age=0")) {
        deleted = true;
      }
    }
    if (deleted) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }
}
