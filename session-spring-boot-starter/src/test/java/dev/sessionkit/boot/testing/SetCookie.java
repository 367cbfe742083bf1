package dev.sessionkit.boot.testing;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Set-Cookie} header as the server wrote it, parsed only as far as tests need.
 *
 * @param header the raw header value
 * @param name the cookie's name
 * @param value the cookie's value
 * @param attributes the attributes, by lower-case name; flags ({@code Secure}) map to ""
 */
public record SetCookie(String header, String name, String value, Map<String, String> attributes) {

  /** Every {@code Set-Cookie} header in {@code headers}. */
  public static List<SetCookie> all(HttpHeaders headers) {
    List<SetCookie> cookies = new ArrayList<>();
    for (String header : headers.allValues("set-cookie")) {
      cookies.add(parse(header));
    }
    return cookies;
  }

  /** Parses one header value. */
  public static SetCookie parse(String header) {
    String[] parts = header.split(";");
    String pair = parts[0].trim();
    int equals = pair.indexOf('=');
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int eq = part.indexOf('=');
      if (eq < 0) {
        attributes.put(part.toLowerCase(Locale.ROOT), "");
      } else {
        attributes.put(
            part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
      }
    }
    return new SetCookie(header, pair.substring(0, equals), pair.substring(equals + 1), attributes);
  }

  /** The attribute {@code name} (any case), or null when absent. */
  public @Nullable String attribute(String name) {
    return attributes.get(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the attribute {@code name} (any case) is present. */
  public boolean has(String name) {
    return attributes.containsKey(name.toLowerCase(Locale.ROOT));
  }
}
