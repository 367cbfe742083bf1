package dev.sessionkit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;

/** {@link KeySlots} gives the slot Spring Data Redis (and so Redis) computes for the whole key. */
class KeySlotsTests {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sessionkit:session:",
        "s",
        "{shop}:session:",
        "a{b:",
        "{}x:",
        "x{}{y}:",
        "prefix}{",
        "é:ü:",
      })
  void slotOfASessionKeyUnderThePrefixIsTheSlotOfTheWholeKey(String prefix) {
    KeySlots slots = new KeySlots(prefix);
    Random random = new Random(prefix.hashCode());
    for (int i = 0; i < 2_000; i++) {
      StringBuilder key = new StringBuilder();
      int length = 8 + random.nextInt(33);
      for (int c = 0; c < length; c++) {
        key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      assertThat(slots.slotOf(key.toString()))
          .as("%s%s", prefix, key)
          .isEqualTo(ClusterSlotHashUtil.calculateSlot((prefix + key).getBytes(UTF_8)));
    }
  }

  /**
   * Redis's own answers ({@code CLUSTER KEYSLOT}), which hash UTF-8 bytes: a JVM whose default
   * charset is not UTF-8 ({@code LANG=C} on Java 17) must give the same.
   */
  @Test
  void slotsOfNonAsciiKeysAreThoseOfTheirUtf8Bytes() {
    assertThat(KeySlots.slotOfKey("sessionkit:principal:josé")).isEqualTo(15154);
    assertThat(KeySlots.slotOfKey("{é}x")).isEqualTo(KeySlots.slotOfKey("{é}y"));
    assertThat(new KeySlots("é:ü:").slotOf("abc")).isEqualTo(KeySlots.slotOfKey("é:ü:abc"));
  }
}
