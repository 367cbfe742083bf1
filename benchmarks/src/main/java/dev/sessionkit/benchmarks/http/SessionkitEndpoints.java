package dev.sessionkit.benchmarks.http;

import dev.sessionkit.Session;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The benchmark endpoints on a sessionkit {@link Session}. */
@RestController
@Profile("sessionkit")
class SessionkitEndpoints {

  /** Leaves the session alone (the filter still runs). */
  @GetMapping("/touch")
  String touch() {
    return "ok";
  }

  /** Reads {@code n} (0 when absent). */
  @GetMapping("/read")
  String read(Session session) {
    Integer n = session.get("n", Integer.class);
    return String.valueOf(n == null ? 0 : n);
  }

  /** Increments {@code n} with {@code compute}, which a conflicting save re-applies. */
  @GetMapping("/incr")
  String incr(Session session) {
    Integer n = session.compute("n", Integer.class, value -> value == null ? 1 : value + 1);
    return String.valueOf(n);
  }

  /** Increments {@code n} with a plain get then put. */
  @GetMapping("/incr-getput")
  String incrGetPut(Session session) {
    Integer n = session.get("n", Integer.class);
    int next = n == null ? 1 : n + 1;
    session.put("n", next);
    return String.valueOf(next);
  }
}
