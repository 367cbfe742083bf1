package dev.sessionkit.cookie;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption: {@code base64url(version || nonce || ciphertext || tag)}.
 *
 * <ul>
 *   <li>version: one byte, {@value #VERSION}, also bound to the ciphertext as associated data, so a
 *       later format can be told apart;
 *   <li>nonce: 12 fresh bytes from {@link SecureRandom} per write, so two writes of the same data
 *       differ;
 *   <li>ciphertext and 16-byte tag: AES-256-GCM over the UTF-8 text, with a key derived from the
 *       secret by HKDF-SHA256 under a salt and info of its own (never the signing key).
 * </ul>
 *
 * <p>The payload is not compressed: compressing data that mixes the client's input with secrets
 * before encryption leaks them through the length (CRIME, BREACH). Reading tries the key of the
 * current secret, then of each fallback secret; a tag that none of them verifies is refused.
 */
final class EncryptedCookieFormat implements CookieFormat {

  static final String BACKEND = "encrypted-cookies";
  static final byte VERSION = 1;

  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final String KEY_SALT = "dev.sessionkit.cookie.EncryptedCookieSessionStore";
  private static final String KEY_INFO = "session cookie encryption key (AES-256-GCM)";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] ASSOCIATED_DATA = {VERSION};
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  EncryptedCookieFormat(CookieSecrets secrets) {
    this.keys =
        secrets.all().stream()
            .<SecretKey>map(
                secret -> new SecretKeySpec(Hkdf.derive(secret, KEY_SALT, KEY_INFO, 32), "AES"))
            .toList();
  }

  @Override
  public String write(String payload, Instant now) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = payload.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(ASSOCIATED_DATA);
      ByteBuffer cookie = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(plain.length));
      cookie.put(VERSION).put(nonce);
      cipher.doFinal(ByteBuffer.wrap(plain), cookie);
      return ENCODER.encodeToString(cookie.array());
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available in this JDK", ex);
    }
  }

  @Override
  public String read(String value) throws RejectedCookieException {
    byte[] cookie;
    try {
      cookie = DECODER.decode(value);
    } catch (IllegalArgumentException ex) {
      throw new RejectedCookieException("it is not base64url");
    }
    if (!ENCODER.encodeToString(cookie).equals(value)) {
      throw new RejectedCookieException("it is not base64url as this store writes it");
    }
    if (cookie.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
      throw new RejectedCookieException("it is too short to hold an encrypted session");
    }
    if (cookie[0] != VERSION) {
      throw new RejectedCookieException("it is not of a known format version");
    }
    GCMParameterSpec nonce = new GCMParameterSpec(TAG_BITS, cookie, 1, NONCE_BYTES);
    for (SecretKey key : keys) {
      try {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, nonce);
        cipher.updateAAD(ASSOCIATED_DATA);
        byte[] plain = cipher.doFinal(cookie, 1 + NONCE_BYTES, cookie.length - 1 - NONCE_BYTES);
        return CookieFormat.utf8(plain);
      } catch (AEADBadTagException ex) {
        // not this secret: try the next fallback
      } catch (GeneralSecurityException ex) {
        throw new IllegalStateException("AES/GCM/NoPadding is not available in this JDK", ex);
      }
    }
    throw new RejectedCookieException(
        "it does not decrypt with the secret or any fallback secret (tampered, truncated or"
            + " foreign)");
  }

  @Override
  public String backend() {
    return BACKEND;
  }
}
