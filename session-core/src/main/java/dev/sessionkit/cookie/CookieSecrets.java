package dev.sessionkit.cookie;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The secret a cookie backend writes with and the fallback secrets it still reads with (rotation),
 * checked for length. Never shows a secret: not in {@link #toString()}, not in an exception.
 */
final class CookieSecrets {

  /** The fewest bytes a secret may have: 256 bits. */
  static final int MIN_SECRET_BYTES = 32;

  private final List<byte[]> secrets;

  private CookieSecrets(List<byte[]> secrets) {
    this.secrets = secrets;
  }

  /**
   * @throws IllegalArgumentException when a secret is shorter than {@value #MIN_SECRET_BYTES} bytes
   */
  static CookieSecrets of(byte[] secret, List<byte[]> fallbackSecrets) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(fallbackSecrets, "fallbackSecrets");
    List<byte[]> all = new ArrayList<>(fallbackSecrets.size() + 1);
    all.add(checked(secret, "The cookie store secret"));
    for (int i = 0; i < fallbackSecrets.size(); i++) {
      byte[] fallback = Objects.requireNonNull(fallbackSecrets.get(i), "fallback secret");
      all.add(checked(fallback, "Fallback secret " + (i + 1) + " of the cookie store"));
    }
    return new CookieSecrets(List.copyOf(all));
  }

  /** As {@link #of(byte[], List)}, each secret taken as its UTF-8 bytes. */
  static CookieSecrets of(String secret, List<String> fallbackSecrets) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(fallbackSecrets, "fallbackSecrets");
    return of(utf8(secret), fallbackSecrets.stream().map(CookieSecrets::utf8).toList());
  }

  /** The secrets, current first, then each fallback in order; each a copy. */
  List<byte[]> all() {
    return secrets.stream().map(byte[]::clone).toList();
  }

  private static byte[] checked(byte[] secret, String what) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          what
              + " is "
              + secret.length
              + " bytes long; it must be at least "
              + MIN_SECRET_BYTES
              + " bytes (256 bits) of random data, for example from 'openssl rand -base64 32'");
    }
    return secret.clone();
  }

  private static byte[] utf8(String secret) {
    return Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "CookieSecrets[" + secrets.size() + " secrets, not shown]";
  }
}
