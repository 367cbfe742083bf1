package dev.sessionkit.benchmarks.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The soak's load: a fixed number of clients, each a platform thread with its own HTTP connection,
 * sending a mix of {@code /read}, {@code /incr} ({@code Session.compute}) and {@code /touch} to one
 * benchmark app for a fixed time, then checking what the sessions hold.
 *
 * <p>Most clients have a session of their own (its cookie kept from the last {@code Set-Cookie}, as
 * a browser does); with server-side sessions, a few clients share one hot session, so their {@code
 * /incr} requests conflict. Every request is synchronous, so the count of increments each session
 * received is exact: after the run, the value {@code n} read from each session must equal the
 * number of {@code /incr} answered 2xx (a shortfall is a lost {@code compute} update). A client
 * alone on its session also checks every answer as it goes: {@code /incr} must return the previous
 * value plus one and {@code /read} the current value. A shared session must keep its key.
 *
 * <pre>{@code
 * java -cp benchmarks/target/classes dev.sessionkit.benchmarks.soak.SoakClient \
 *     --url http://127.0.0.1:18081 --clients 16 --shared 4 --duration 60
 * }</pre>
 *
 * <p>Prints one line of {@code key=value} figures and exits with status 0 when there was no error,
 * no lost update and no wrong answer, 1 otherwise, 2 on bad arguments. Loopback only; it stops by
 * itself (each request times out after 10 s, the run after its duration).
 */
public final class SoakClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Out of 100: the rest is {@code /touch}. */
  private static final int READ_PERCENT = 55;

  private static final int INCR_PERCENT = 40;

  private final URI base;
  private final int clients;
  private final int shared;
  private final Duration duration;
  private final String cookieName;
  private final String incrEndpoint;

  private final LongAdder requests = new LongAdder();
  private final LongAdder non2xx = new LongAdder();
  private final LongAdder socketErrors = new LongAdder();
  private final LongAdder wrongAnswers = new LongAdder();
  private final LongAdder keyChanges = new LongAdder();
  private final AtomicLong firstProblemLogged = new AtomicLong();

  private SoakClient(
      URI base,
      int clients,
      int shared,
      Duration duration,
      String cookieName,
      String incrEndpoint) {
    this.base = base;
    this.clients = clients;
    this.shared = shared;
    this.duration = duration;
    this.cookieName = cookieName;
    this.incrEndpoint = incrEndpoint;
  }

  /**
   * Arguments: {@code --url} (required, loopback), {@code --clients} (16), {@code --shared}
   * (clients on the one hot session, 4; 0 for cookie backends, whose session cannot be shared),
   * {@code --duration} (seconds, 60), {@code --cookie} (the session cookie's name, sessionid),
   * {@code --incr} (the increment endpoint, incr; {@code incr-getput}, a plain get then put, shows
   * that the accounting does see lost updates).
   */
  public static void main(String[] args) throws InterruptedException {
    String url = null;
    int clients = 16;
    int shared = 4;
    int seconds = 60;
    String cookie = "sessionid";
    String incr = "incr";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--clients" -> clients = Integer.parseInt(args[i + 1]);
        case "--shared" -> shared = Integer.parseInt(args[i + 1]);
        case "--duration" -> seconds = Integer.parseInt(args[i + 1]);
        case "--cookie" -> cookie = args[i + 1];
        case "--incr" -> incr = args[i + 1];
        default -> usage("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0) {
      usage("every option takes a value");
    }
    if (url == null) {
      usage("--url is required");
    }
    URI base = URI.create(url);
    if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
      usage("the soak runs on loopback only, not on " + base.getHost());
    }
    if (clients < 1 || shared < 0 || shared > clients || seconds < 1) {
      usage("need clients >= 1, 0 <= shared <= clients, duration >= 1");
    }
    boolean passed =
        new SoakClient(base, clients, shared, Duration.ofSeconds(seconds), cookie, incr).run();
    System.exit(passed ? 0 : 1);
  }

  private static void usage(String problem) {
    System.err.println(
        "SoakClient: "
            + problem
            + "\nusage: SoakClient --url http://127.0.0.1:PORT [--clients 16] [--shared 4]"
            + " [--duration 60] [--cookie sessionid] [--incr incr]");
    System.exit(2);
  }

  private boolean run() throws InterruptedException {
    HttpClient setup = newHttpClient();
    Client hotOwner = new Client(setup, null, true, 0);
    @Nullable String hotCookie = null;
    long hotExpected = 0;
    if (shared > 0) {
      // The hot session: created by one /incr, then shared by the `shared` clients.
      hotOwner.send(incrEndpoint);
      hotCookie = hotOwner.cookie;
      hotExpected = 1;
      if (hotCookie == null) {
        System.err.println("SoakClient: the first /incr set no " + cookieName + " cookie");
        return false;
      }
    }
    requests.reset(); // the set-up is not part of the run's figures
    AtomicLong hotIncrements = new AtomicLong(hotExpected);
    long deadline = System.nanoTime() + duration.toNanos();
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      boolean onHot = i < shared;
      Client client = new Client(newHttpClient(), onHot ? hotCookie : null, onHot, 1_000L + i);
      all.add(client);
      Thread thread =
          new Thread(() -> client.runUntil(deadline, onHot ? hotIncrements : null), "soak-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(duration.plus(REQUEST_TIMEOUT).plusSeconds(30).toMillis());
      if (thread.isAlive()) {
        System.err.println("SoakClient: " + thread.getName() + " did not stop; interrupting");
        thread.interrupt();
      }
    }
    double seconds = duration.toMillis() / 1000.0;
    long runRequests = requests.sum();

    // Final check: n in each session against the increments it was sent.
    long expected = 0;
    long lost = 0;
    long unreadable = 0;
    long sessions = 0;
    if (shared > 0) {
      sessions++;
      long n = new Client(setup, hotCookie, true, 0).readN();
      expected += hotIncrements.get();
      if (n < 0) {
        unreadable++;
      } else {
        lost += hotIncrements.get() - n;
      }
    }
    for (Client client : all) {
      if (client.shared || client.cookie == null) {
        continue;
      }
      sessions++;
      long n = client.readN();
      expected += client.increments;
      if (n < 0) {
        unreadable++;
      } else {
        lost += client.increments - n;
      }
    }
    long errors = non2xx.sum() + socketErrors.sum();
    System.out.printf(
        Locale.ROOT,
        "requests=%d req_per_s=%.0f non2xx=%d socket_errors=%d sessions=%d increments=%d"
            + " lost=%d unreadable=%d wrong_answers=%d key_changes=%d%n",
        runRequests,
        runRequests / seconds,
        non2xx.sum(),
        socketErrors.sum(),
        sessions,
        expected,
        lost,
        unreadable,
        wrongAnswers.sum(),
        keyChanges.sum());
    return errors == 0
        && lost == 0
        && unreadable == 0
        && wrongAnswers.sum() == 0
        && keyChanges.sum() == 0;
  }

  private static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private void problem(String what) {
    if (firstProblemLogged.getAndIncrement() < 10) {
      System.err.println("SoakClient: " + what);
    }
  }

  /** One client: its connection, its cookie, and what it sent. */
  private final class Client {

    private final HttpClient http;
    private final boolean shared;
    private final SplittableRandom random;
    private @Nullable String cookie;

    /** /incr answered 2xx, on this client's own session. */
    private long increments;

    /** The value n should have now, when this client is alone on its session and has one. */
    private long known = -1;

    Client(HttpClient http, @Nullable String cookie, boolean shared, long seed) {
      this.http = http;
      this.cookie = cookie;
      this.shared = shared;
      this.random = new SplittableRandom(seed);
    }

    void runUntil(long deadline, @Nullable AtomicLong sharedIncrements) {
      while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        int dice = random.nextInt(100);
        String endpoint =
            dice < READ_PERCENT
                ? "read"
                : dice < READ_PERCENT + INCR_PERCENT ? incrEndpoint : "touch";
        @Nullable String body = send(endpoint);
        if (body == null) {
          continue;
        }
        if (endpoint.equals(incrEndpoint)) {
          if (sharedIncrements != null) {
            sharedIncrements.incrementAndGet();
          } else {
            increments++;
            check(endpoint, body, increments);
            known = increments;
          }
        } else if (endpoint.equals("read") && sharedIncrements == null) {
          check(endpoint, body, Math.max(known, 0));
        }
      }
    }

    private void check(String endpoint, String body, long expected) {
      if (!body.equals(Long.toString(expected))) {
        wrongAnswers.increment();
        problem("/" + endpoint + " answered " + body + ", expected " + expected);
      }
    }

    /** n read from this client's session at the end, or -1 when it could not be read. */
    long readN() {
      @Nullable String body = send("read");
      requests.decrement(); // not part of the run's figures
      try {
        return body == null ? -1 : Long.parseLong(body.strip());
      } catch (NumberFormatException ex) {
        problem("final /read answered " + body);
        return -1;
      }
    }

    /** Sends one GET; the body when 2xx, null (and counted) otherwise. */
    @Nullable String send(String endpoint) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve("/" + endpoint)).timeout(REQUEST_TIMEOUT).GET();
      String current = cookie;
      if (current != null) {
        request.header("Cookie", cookieName + "=" + current);
      }
      requests.increment();
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException ex) {
        socketErrors.increment();
        problem("/" + endpoint + ": " + ex);
        return null;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        socketErrors.increment();
        return null;
      }
      if (response.statusCode() / 100 != 2) {
        non2xx.increment();
        problem("/" + endpoint + " answered " + response.statusCode());
        return null;
      }
      adoptCookie(response);
      return response.body();
    }

    /** Keeps the session cookie the response sets, as a browser does. */
    private void adoptCookie(HttpResponse<String> response) {
      for (String header : response.headers().allValues("set-cookie")) {
        if (!header.startsWith(cookieName + "=")) {
          continue;
        }
        int end = header.indexOf(';');
        String value = header.substring(cookieName.length() + 1, end < 0 ? header.length() : end);
        @Nullable String previous = cookie;
        if (value.isEmpty()) {
          problem("the session cookie was deleted");
          cookie = null;
          continue;
        }
        if (shared && previous != null && !previous.equals(value)) {
          keyChanges.increment();
        }
        cookie = value;
      }
    }
  }
}
