package dev.sessionkit.engine;

import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Session keys: 32 random characters of {@code [a-z0-9]}; valid when 8 to 40 of them. */
final class SessionKeys {

  static final int LENGTH = 32;
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 40;

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** How many trailing characters {@link #generate(Predicate)} varies on each random key. */
  static final int VARIED = 3;

  /** How many random keys {@link #generate(Predicate)} draws, each with all its variations. */
  static final int DRAWS = 4;

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

  /**
   * A new key that {@code accepts}, such as one in a given Redis hash slot: each random key is
   * tried with every value of its last {@value #VARIED} characters (46,656 candidates, from a
   * random one on), up to {@value #DRAWS} random keys. The first {@code LENGTH - VARIED} characters
   * stay random, so a key loses only the bits of the condition.
   *
   * @return the key, or null when no candidate is accepted
   */
  static @Nullable String generate(Predicate<CharSequence> accepts) {
    int variations = 1;
    for (int i = 0; i < VARIED; i++) {
      variations *= ALPHABET.length;
    }
    for (int draw = 0; draw < DRAWS; draw++) {
      char[] key = generate().toCharArray();
      CharSequence candidate = CharBuffer.wrap(key);
      int first = RANDOM.nextInt(variations);
      for (int i = 0; i < variations; i++) {
        int variation = (first + i) % variations;
        for (int position = LENGTH - 1; position >= LENGTH - VARIED; position--) {
          key[position] = ALPHABET[variation % ALPHABET.length];
          variation /= ALPHABET.length;
        }
        if (accepts.test(candidate)) {
          return new String(key);
        }
      }
    }
    return null;
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
