package dev.sessionkit;

import java.util.Map;

/**
 * Turns session data into the text a backend stores and back. The default is {@link
 * JsonSessionCodec}; the interface exists so other formats (signed, encrypted) can be added.
 * Implementations must never use Java serialization and must be thread-safe.
 */
public interface SessionCodec {

  /**
   * Encodes session data.
   *
   * @throws IllegalArgumentException when a value cannot be represented
   */
  String encode(Map<String, ?> data);

  /**
   * Decodes what {@link #encode} produced.
   *
   * @return a mutable map
   * @throws UnreadableSessionDataException when {@code encoded} is not valid session data
   */
  Map<String, Object> decode(String encoded);

  /**
   * Converts a stored value (as {@link #decode} returned it, or as the application put it) to
   * {@code type}, for example a map back to the record it was saved from.
   *
   * @throws IllegalArgumentException when the value cannot be converted
   */
  <T> T convert(Object value, Class<T> type);

  /**
   * Whether {@link #decode} returns plain JSON values only: {@code LinkedHashMap}s with string
   * keys, {@code ArrayList}s, strings, {@code Integer}, {@code Long}, {@code Double}, {@code
   * BigInteger}, {@code BigDecimal}, booleans and nulls. Then the engine may answer a second load
   * of the same encoding with a deep copy of what it decoded before instead of parsing it again.
   * False by default: a codec that decodes into other objects is parsed on every load.
   */
  default boolean decodesToJsonValues() {
    return false;
  }
}
