package dev.sessionkit.cookie;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * How a cookie backend turns a session record's text into a cookie value and back: signed or
 * encrypted. Values use only the characters a cookie may hold unquoted (base64url and a few
 * separators). Implementations are immutable and thread-safe.
 */
interface CookieFormat {

  /** The cookie value holding {@code payload}, written at {@code now}. */
  String write(String payload, Instant now);

  /**
   * The payload of a value written by {@link #write}, with the current secret or a fallback.
   *
   * @throws RejectedCookieException when the value was not written so (tampered, truncated, written
   *     with another secret, garbage)
   */
  String read(String value) throws RejectedCookieException;

  /** {@code bytes} as UTF-8 text, refusing bytes that are not. */
  static String utf8(byte[] bytes) throws RejectedCookieException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException ex) {
      throw new RejectedCookieException("its payload is not UTF-8 text");
    }
  }

  /** The backend's short name: {@code signed-cookies} or {@code encrypted-cookies}. */
  String backend();

  /** Why a cookie value was not accepted; the message never holds the value or a secret. */
  final class RejectedCookieException extends Exception {

    private static final long serialVersionUID = 1L;

    RejectedCookieException(String reason) {
      super(reason, null, false, false);
    }
  }
}
