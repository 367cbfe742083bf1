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
}
