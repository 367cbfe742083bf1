package dev.sessionkit.cookie;

import dev.sessionkit.spi.encoding.Base62;
import dev.sessionkit.spi.encoding.Zlib;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Django's signed format ({@code django.core.signing}): {@code <payload>:<timestamp>:<signature>}.
 *
 * <ul>
 *   <li>payload: the UTF-8 text, zlib-compressed when that makes it smaller (then marked with a
 *       leading {@code .}), in URL-safe base64 without padding; readable by anyone who has the
 *       cookie;
 *   <li>timestamp: the second it was signed, in base 62 (the session's expiry, inside the signed
 *       payload, is what decides whether the cookie is still live);
 *   <li>signature: HMAC-SHA256 over {@code <payload>:<timestamp>}, base64url, with a key derived
 *       from the secret by HKDF-SHA256 under a salt of its own.
 * </ul>
 *
 * <p>Reading checks the signature in constant time against the key of the current secret, then of
 * each fallback secret; only a signed payload is decompressed (to at most {@value
 * #MAX_PAYLOAD_BYTES} bytes).
 */
final class SignedCookieFormat implements CookieFormat {

  static final String BACKEND = "signed-cookies";

  private static final String HMAC = "HmacSHA256";
  private static final String KEY_SALT = "dev.sessionkit.cookie.SignedCookieSessionStore";
  private static final String KEY_INFO = "session cookie signing key (HMAC-SHA256)";
  private static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKeySpec> keys;

  SignedCookieFormat(CookieSecrets secrets) {
    this.keys =
        secrets.all().stream()
            .map(secret -> new SecretKeySpec(Hkdf.derive(secret, KEY_SALT, KEY_INFO, 32), HMAC))
            .toList();
  }

  @Override
  public String write(String payload, Instant now) {
    byte[] plain = payload.getBytes(StandardCharsets.UTF_8);
    byte[] compressed = Zlib.deflate(plain, Deflater.BEST_COMPRESSION);
    String encoded =
        compressed.length < plain.length - 1
            ? "." + ENCODER.encodeToString(compressed)
            : ENCODER.encodeToString(plain);
    String signed = encoded + ":" + Base62.encode(Math.max(now.getEpochSecond(), 0));
    return signed + ":" + ENCODER.encodeToString(mac(keys.get(0), signed));
  }

  @Override
  public String read(String value) throws RejectedCookieException {
    int lastColon = value.lastIndexOf(':');
    if (lastColon < 0) {
      throw new RejectedCookieException("it has no signature");
    }
    String signed = value.substring(0, lastColon);
    byte[] signature = value.substring(lastColon + 1).getBytes(StandardCharsets.US_ASCII);
    if (!verifies(signed, signature)) {
      throw new RejectedCookieException(
          "its signature does not match the secret or any fallback secret");
    }
    int timestampColon = signed.lastIndexOf(':');
    if (timestampColon < 0) {
      throw new RejectedCookieException("it has no timestamp");
    }
    if (Base62.decode(signed.substring(timestampColon + 1), Base62.MAX_DIGITS) < 0) {
      throw new RejectedCookieException("its timestamp is not base 62");
    }
    String encoded = signed.substring(0, timestampColon);
    boolean compressed = encoded.startsWith(".");
    byte[] bytes =
        decode(compressed ? encoded.substring(1) : encoded, "its payload is not base64url");
    return CookieFormat.utf8(compressed ? inflate(bytes) : bytes);
  }

  private static byte[] inflate(byte[] compressed) throws RejectedCookieException {
    try {
      return Zlib.inflate(compressed, MAX_PAYLOAD_BYTES);
    } catch (DataFormatException ex) {
      throw new RejectedCookieException(
          "its compressed payload is not valid zlib data: " + ex.getMessage());
    }
  }

  @Override
  public String backend() {
    return BACKEND;
  }

  /** Compares the base64url text, as Django does, so that no other spelling of it passes. */
  private boolean verifies(String signed, byte[] signature) {
    boolean matched = false;
    for (SecretKeySpec key : keys) {
      // every key is tried, so the time taken does not tell which secret matched
      byte[] expected = ENCODER.encode(mac(key, signed));
      matched |= MessageDigest.isEqual(expected, signature);
    }
    return matched;
  }

  private static byte[] mac(SecretKeySpec key, String signed) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", ex);
    }
  }

  private static byte[] decode(String text, String reason) throws RejectedCookieException {
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException ex) {
      throw new RejectedCookieException(reason);
    }
  }
}
