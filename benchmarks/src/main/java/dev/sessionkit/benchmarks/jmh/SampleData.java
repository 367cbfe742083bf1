package dev.sessionkit.benchmarks.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The session data the benchmarks store: a signed-in visitor with a counter and a small cart. */
final class SampleData {

  private SampleData() {}

  static Map<String, Object> typicalSession() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("n", 42);
    data.put("_auth_user_id", "1c9a8e2b-3f4d-4a5b-9c6d-7e8f9a0b1c2d");
    data.put("locale", "en_GB");
    data.put("testcookie", "worked");
    data.put(
        "cart",
        List.of(
            Map.of("sku", "BOOK-0001", "quantity", 1, "price", 12.5),
            Map.of("sku", "MUG-0042", "quantity", 2, "price", 7.25),
            Map.of("sku", "PEN-0007", "quantity", 10, "price", 0.99)));
    data.put("flags", Map.of("beta", true, "newsletter", false));
    return data;
  }
}
