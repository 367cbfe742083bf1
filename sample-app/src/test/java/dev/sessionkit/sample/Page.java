package dev.sessionkit.sample;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP response as a {@link Visitor} received it. */
record Page(int status, HttpHeaders headers, String body) {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  /** The form token the page's forms carry. */
  String csrfToken() {
    Matcher matcher = CSRF_FIELD.matcher(body);
    if (!matcher.find()) {
      throw new AssertionError("no _csrf field in page:\n" + body);
    }
    return matcher.group(1);
  }

  /** The redirect target. */
  String location() {
    return headers.firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
  }

  /** Every {@code Set-Cookie} header. */
  List<String> setCookies() {
    return headers.allValues("Set-Cookie");
  }

  /** The {@code Set-Cookie} header for the cookie {@code name}, if the response has one. */
  Optional<String> setCookie(String name) {
    return setCookies().stream().filter(header -> header.startsWith(name + "=")).findFirst();
  }
}
