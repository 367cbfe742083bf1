package dev.sessionkit.django;

import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.encoding.Base62;
import dev.sessionkit.spi.encoding.Zlib;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Django's {@code django.core.signing.TimestampSigner} with {@code algorithm='sha256'}, as {@code
 * signing.dumps(obj, salt=..., compress=True)} and {@code signing.loads(...)} use it (Django 3.1
 * and later): {@code <payload>:<timestamp>:<signature>}.
 *
 * <ul>
 *   <li>payload: the serialized bytes, zlib-compressed when that is at least two bytes shorter
 *       (then marked with a leading {@code .}), in URL-safe base64 without padding;
 *   <li>timestamp: the second of signing, in base 62 ({@code 0-9A-Za-z});
 *   <li>signature: URL-safe base64 without padding of HMAC-SHA256 over {@code
 *       <payload>:<timestamp>}, keyed with {@code SHA-256(salt + "signer" + secret)} (Django's
 *       {@code salted_hmac(salt + 'signer', value, secret, algorithm='sha256')}).
 * </ul>
 *
 * <p>Signs with the first secret; verifies against every secret (Django's {@code SECRET_KEY}, then
 * {@code SECRET_KEY_FALLBACKS}), comparing in constant time and trying every key so the time taken
 * does not tell which one matched. Only signed data is decompressed, and to at most {@value
 * #MAX_PAYLOAD_BYTES} bytes. The pre-3.1 SHA-1 format is not read (Django 4.0 dropped it too).
 * Never shows a secret. Immutable and thread-safe.
 */
final class DjangoSigner {

  /** The largest payload decompressed: Django has no limit; a signed zip bomb stops here. */
  static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private static final String HMAC = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<SecretKeySpec> keys;

  /**
   * @param salt Django's salt, for example {@code django.contrib.sessions.SessionStore}
   * @param secretKey Django's {@code SECRET_KEY}, used to sign and to verify
   * @param fallbackSecretKeys Django's {@code SECRET_KEY_FALLBACKS}, used only to verify
   * @throws IllegalArgumentException when the secret key is empty (Django refuses it too)
   */
  DjangoSigner(String salt, String secretKey, List<String> fallbackSecretKeys) {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(fallbackSecretKeys, "fallbackSecretKeys");
    if (secretKey.isEmpty()) {
      throw new IllegalArgumentException(
          "The Django secret key is empty; set it to the SECRET_KEY of the Django application");
    }
    List<SecretKeySpec> derived = new ArrayList<>(fallbackSecretKeys.size() + 1);
    derived.add(derive(salt, secretKey));
    for (String fallback : fallbackSecretKeys) {
      derived.add(derive(salt, Objects.requireNonNull(fallback, "fallback secret key")));
    }
    this.keys = List.copyOf(derived);
  }

  /**
   * Signs {@code data} as {@code sign_object(..., compress=True)} does.
   *
   * @param now the signing time; its whole seconds become the timestamp
   */
  String sign(byte[] data, Instant now) {
    // zlib at its default level, as Python's zlib.compress(data)
    byte[] compressed = Zlib.deflate(data, Deflater.DEFAULT_COMPRESSION);
    String payload =
        compressed.length < data.length - 1
            ? "." + ENCODER.encodeToString(compressed)
            : ENCODER.encodeToString(data);
    String value = payload + ":" + Base62.encode(Math.max(now.getEpochSecond(), 0));
    return value + ":" + ENCODER.encodeToString(mac(keys.get(0), value));
  }

  /**
   * The data signed in {@code signed}, decompressed.
   *
   * @throws UnreadableSessionDataException when no secret's signature matches, or the timestamp or
   *     payload is malformed; the message names the fault, never the data or a secret
   */
  byte[] unsign(String signed) {
    int signatureColon = signed.lastIndexOf(':');
    if (signatureColon < 0) {
      throw new UnreadableSessionDataException("Django session data has no signature");
    }
    String value = signed.substring(0, signatureColon);
    if (!verifies(value, signed.substring(signatureColon + 1))) {
      throw new UnreadableSessionDataException(
          "Django session data has a signature that matches neither the secret key nor any"
              + " fallback secret key");
    }
    int timestampColon = value.lastIndexOf(':');
    if (timestampColon < 0
        || Base62.decode(value.substring(timestampColon + 1), Base62.MAX_DIGITS) < 0) {
      throw new UnreadableSessionDataException("Django session data has no base 62 timestamp");
    }
    String payload = value.substring(0, timestampColon);
    boolean compressed = payload.startsWith(".");
    byte[] bytes;
    try {
      bytes = DECODER.decode(compressed ? payload.substring(1) : payload);
    } catch (IllegalArgumentException ex) {
      throw new UnreadableSessionDataException("Django session data is not base64url", ex);
    }
    return compressed ? inflate(bytes) : bytes;
  }

  private static byte[] inflate(byte[] compressed) {
    try {
      return Zlib.inflate(compressed, MAX_PAYLOAD_BYTES);
    } catch (DataFormatException ex) {
      throw new UnreadableSessionDataException(
          "Django session data is not valid zlib data: " + ex.getMessage(), ex);
    }
  }

  private boolean verifies(String value, String signature) {
    byte[] given = signature.getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (SecretKeySpec key : keys) {
      matched |= MessageDigest.isEqual(ENCODER.encode(mac(key, value)), given);
    }
    return matched;
  }

  private static SecretKeySpec derive(String salt, String secret) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + "signer" + secret).getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(key, HMAC);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", ex);
    }
  }

  private static byte[] mac(SecretKeySpec key, String value) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", ex);
    }
  }

  @Override
  public String toString() {
    return "DjangoSigner[" + keys.size() + " secret keys, not shown]";
  }
}
