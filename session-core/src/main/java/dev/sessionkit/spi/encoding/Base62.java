package dev.sessionkit.spi.encoding;

/**
 * Non-negative numbers in base 62 ({@code 0-9A-Za-z}), as Django's signing writes a signature's
 * timestamp; shared by the signed-cookie format and Django's formats.
 */
public final class Base62 {

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** The most digits a decoded number may have: 11 hold every non-negative {@code long}. */
  public static final int MAX_DIGITS = 11;

  private Base62() {}

  /** {@code number} in base 62, without leading zeros ({@code "0"} for 0). */
  public static String encode(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("base 62 holds no negative number: " + number);
    }
    if (number == 0) {
      return "0";
    }
    StringBuilder digits = new StringBuilder();
    for (long rest = number; rest > 0; rest /= 62) {
      digits.append(DIGITS.charAt((int) (rest % 62)));
    }
    return digits.reverse().toString();
  }

  /**
   * The number {@code text} writes, or -1 when it is not 1 to {@code maxDigits} base-62 digits (at
   * most {@link #MAX_DIGITS}) or does not fit a {@code long}.
   */
  public static long decode(String text, int maxDigits) {
    if (text.isEmpty() || text.length() > Math.min(maxDigits, MAX_DIGITS)) {
      return -1;
    }
    long number = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = DIGITS.indexOf(text.charAt(i));
      if (digit < 0 || number > (Long.MAX_VALUE - digit) / 62) {
        return -1;
      }
      number = number * 62 + digit;
    }
    return number;
  }
}
