package dev.sessionkit.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), to derive a key per purpose from one secret. */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_BYTES = 32;

  private Hkdf() {}

  /**
   * {@code length} bytes derived from {@code secret}, separated from keys for other purposes by
   * {@code salt} and {@code info}.
   */
  static byte[] derive(byte[] secret, String salt, String info, int length) {
    return derive(
        secret,
        salt.getBytes(StandardCharsets.UTF_8),
        info.getBytes(StandardCharsets.UTF_8),
        length);
  }

  /** RFC 5869's HKDF-Extract then HKDF-Expand; an empty salt stands for 32 zero bytes. */
  static byte[] derive(byte[] secret, byte[] salt, byte[] info, int length) {
    if (length <= 0 || length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF cannot derive " + length + " bytes");
    }
    try {
      Mac extract = Mac.getInstance(HMAC);
      extract.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_BYTES] : salt, HMAC));
      byte[] pseudoRandomKey = extract.doFinal(secret);

      Mac expand = Mac.getInstance(HMAC);
      expand.init(new SecretKeySpec(pseudoRandomKey, HMAC));
      byte[] output = new byte[length];
      byte[] block = new byte[0];
      for (int filled = 0, counter = 1; filled < length; counter++) {
        expand.update(block);
        expand.update(info);
        expand.update((byte) counter);
        block = expand.doFinal();
        int take = Math.min(block.length, length - filled);
        System.arraycopy(block, 0, output, filled, take);
        filled += take;
      }
      return output;
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", ex);
    }
  }
}
