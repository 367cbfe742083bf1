package dev.sessionkit.redis;

import java.nio.charset.StandardCharsets;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;

/**
 * The Redis Cluster hash slots of the keys {@code <prefix><session key>}, computed from the session
 * key alone: the CRC16 of the prefix is computed once, so that testing the slot of a candidate key,
 * as the engine does some 16,000 times when it draws a key for a logged-in session, builds no
 * string and hashes 32 characters.
 *
 * <p>Redis hashes only the hash tag, the part between the first {@code {} and the next {@code }},
 * when that part is not empty. Session keys hold neither brace, so a prefix with a complete,
 * non-empty tag puts every session in the tag's slot, and any other prefix lets the whole key
 * decide. {@link ClusterSlotHashUtil} (Spring Data Redis), on the UTF-8 bytes of the whole key, is
 * the reference the tests compare with.
 */
final class KeySlots {

  /** CRC16-CCITT (XModem), the checksum Redis Cluster takes modulo 16,384. */
  private static final int[] CRC16 = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      CRC16[i] = crc & 0xffff;
    }
  }

  private final int prefixCrc;
  private final int taggedSlot;

  KeySlots(String prefix) {
    int open = prefix.indexOf('{');
    int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
    this.taggedSlot = close > open + 1 ? slotOfKey(prefix) : -1;
    int crc = 0;
    for (byte b : prefix.getBytes(StandardCharsets.UTF_8)) {
      crc = step(crc, b & 0xff);
    }
    this.prefixCrc = crc;
  }

  /**
   * The slot of the Redis key {@code key} as Redis computes it: from its UTF-8 bytes, the bytes the
   * storage sends, whatever the JVM's default charset (which {@link
   * ClusterSlotHashUtil#calculateSlot(String)} uses).
   */
  static int slotOfKey(String key) {
    return ClusterSlotHashUtil.calculateSlot(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The slot of {@code <prefix><sessionKey>}, for a session key of ASCII letters and digits. */
  int slotOf(CharSequence sessionKey) {
    if (taggedSlot >= 0) {
      return taggedSlot;
    }
    int crc = prefixCrc;
    for (int i = 0; i < sessionKey.length(); i++) {
      crc = step(crc, sessionKey.charAt(i));
    }
    return crc & (ClusterSlotHashUtil.SLOT_COUNT - 1);
  }

  private static int step(int crc, int octet) {
    return ((crc << 8) ^ CRC16[((crc >>> 8) ^ octet) & 0xff]) & 0xffff;
  }
}
