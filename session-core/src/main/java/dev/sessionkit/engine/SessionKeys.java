package dev.sessionkit.engine;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/** Session keys: 32 random characters of {@code [a-z0-9]}; valid when 8 to 40 of them. */
final class SessionKeys {

  static final int LENGTH = 32;
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 40;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionKeys() {}

  /** A new key with about 165 bits of entropy. */
  static String generate() {
    char[] key = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(key);
  }

  /** Whether {@code key} could have been issued by this library; nothing else reaches a backend. */
  static boolean isValid(@Nullable String key) {
    if (key == null || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
