package dev.sessionkit.boot.testing;

import dev.sessionkit.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Handlers that touch the session in every way the filter must handle. */
@RestController
public class SessionTestController {

  /** Size of the large responses: 1 MiB. */
  public static final int LARGE = 1024 * 1024;

  private final Gates gates;
  private final CartService cart;

  public SessionTestController(Gates gates, CartService cart) {
    this.gates = gates;
    this.cart = cart;
  }

  @GetMapping("/untouched")
  String untouched() {
    return "untouched";
  }

  @GetMapping("/put")
  String put(@RequestParam String key, @RequestParam String value, Session session) {
    session.put(key, value);
    return "stored";
  }

  /** Adds one to the counter {@code n}, atomically with respect to concurrent saves. */
  @PostMapping("/compute")
  String compute(Session session) {
    return String.valueOf(session.compute("n", Integer.class, n -> n == null ? 1 : n + 1));
  }

  /** Writes nothing, so the filter saves the session after the handler, not inside it. */
  @GetMapping("/put-no-content")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void putNoContent(@RequestParam String value, Session session) {
    session.put("k", value);
  }

  @GetMapping("/get")
  String get(@RequestParam String key, Session session) {
    return String.valueOf(session.get(key));
  }

  @GetMapping("/flush")
  String flush(Session session) {
    session.flush();
    return "flushed";
  }

  @GetMapping("/delete")
  String delete(Session session) {
    session.delete();
    return "deleted";
  }

  @GetMapping("/browser-close")
  String browserClose(Session session) {
    session.setExpiryAtBrowserClose();
    session.put("k", "browser");
    return "stored";
  }

  /**
   * Servlet asynchronous processing that ends in a timeout listener, which changes the session and
   * completes through its event's context.
   */
  @GetMapping("/servlet-async-timeout-put")
  void servletAsyncTimeoutPut(
      @RequestParam String value, Session session, HttpServletRequest request) {
    AsyncContext async = request.startAsync();
    async.setTimeout(200);
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) throws IOException {
            session.put("k", value);
            event.getAsyncContext().getResponse().getWriter().write("timed out");
            event.getAsyncContext().complete();
          }

          @Override
          public void onComplete(AsyncEvent event) {}

          @Override
          public void onError(AsyncEvent event) {}

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
  }

  @GetMapping("/never-expiring")
  String neverExpiring(Session session) {
    session.setExpiry(Instant.MAX);
    session.put("k", "kept");
    return "stored";
  }

  @GetMapping("/expired")
  String expired(Session session) {
    session.setExpiry(Instant.parse("2000-01-01T00:00:00Z"));
    session.put("k", "expired");
    return "stored";
  }

  @GetMapping("/status-500")
  ResponseEntity<String> status500(Session session) {
    session.put("k", "from a 500");
    return ResponseEntity.internalServerError().body("failed");
  }

  @GetMapping("/throw")
  String fail(Session session) {
    session.put("k", "from an exception");
    throw new IllegalStateException("the handler failed");
  }

  @GetMapping("/send-error")
  void sendError(Session session, HttpServletResponse response) throws IOException {
    session.put("k", "before sendError");
    response.sendError(HttpServletResponse.SC_NOT_FOUND, "nothing here");
  }

  @GetMapping("/redirect")
  void redirect(Session session, HttpServletResponse response) throws IOException {
    session.put("k", "before redirect");
    response.sendRedirect("/get?key=k");
  }

  @GetMapping("/stream")
  void stream(Session session, HttpServletResponse response) throws IOException {
    session.put("k", "streamed");
    response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    ServletOutputStream out = response.getOutputStream();
    byte[] chunk = new byte[1000];
    Arrays.fill(chunk, (byte) 'x');
    for (int written = 0; written < LARGE; written += chunk.length) {
      out.write(chunk, 0, Math.min(chunk.length, LARGE - written));
    }
    out.flush();
  }

  @GetMapping("/stream-writer")
  void streamWriter(Session session, HttpServletResponse response) throws IOException {
    session.put("k", "written");
    response.setContentType("text/plain;charset=UTF-8");
    PrintWriter writer = response.getWriter();
    String chunk = "\u00e9".repeat(512); // 512 chars, 1024 bytes in UTF-8
    for (int written = 0; written < LARGE; written += 1024) {
      writer.print(chunk);
    }
  }

  @GetMapping("/large-body")
  ResponseEntity<byte[]> largeBody(Session session) {
    session.put("k", "large body");
    byte[] body = new byte[LARGE];
    Arrays.fill(body, (byte) 'y');
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
  }

  @GetMapping("/gated-put")
  String gatedPut(@RequestParam String value, Session session) throws InterruptedException {
    Object before = session.get("k");
    gates.current().arrive();
    session.put("k", value);
    return "was " + before;
  }

  /** As {@code /gated-put}, then a body so large that writing it commits the response. */
  @GetMapping("/gated-large-body")
  ResponseEntity<byte[]> gatedLargeBody(Session session) throws InterruptedException {
    session.get("k");
    gates.current().arrive();
    session.put("k", "large body after the gate");
    byte[] body = new byte[LARGE];
    Arrays.fill(body, (byte) 'z');
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
  }

  /** As {@code /gated-put}, then the handler flushes the response before writing its body. */
  @GetMapping("/gated-flush")
  String gatedFlush(Session session, HttpServletResponse response)
      throws InterruptedException, IOException {
    session.get("k");
    gates.current().arrive();
    session.put("k", "flushed after the gate");
    response.flushBuffer();
    return "flushed";
  }

  @GetMapping("/proxy-put")
  List<Object> proxyPut(@RequestParam String item) {
    return cart.add(item);
  }

  @GetMapping("/async-put")
  Callable<String> asyncPut(@RequestParam String value, Session session) {
    return () -> {
      session.put("k", value);
      return "stored later";
    };
  }

  /**
   * Servlet asynchronous processing driven by the handler itself: on another thread, it changes the
   * session, writes the body (with {@code large}, 100 kB, flushed) and completes, which no dispatch
   * follows.
   */
  @GetMapping("/servlet-async-put")
  void servletAsyncPut(
      @RequestParam String value,
      @RequestParam(defaultValue = "false") boolean large,
      Session session,
      HttpServletRequest request) {
    AsyncContext async = request.startAsync();
    async.start(
        () -> {
          try {
            session.put("k", value);
            PrintWriter body = async.getResponse().getWriter();
            body.write(large ? "x".repeat(100_000) : "stored " + value);
            if (large) {
              body.flush();
            }
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          } finally {
            async.complete();
          }
        });
  }
}
