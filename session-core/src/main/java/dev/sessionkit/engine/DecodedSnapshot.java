package dev.sessionkit.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session's data as decoded from one encoding, kept so that loading the same encoding again costs
 * a copy instead of a parse.
 *
 * <p>Why. An in-process cache hands back the very record it holds, and a read-mostly session is
 * loaded with the same encoding request after request; parsing it each time is most of what a read
 * costs there. The snapshot is never handed out: every load gets its own deep copy, so a handler
 * that changes a list it read changes neither the stored session nor the next request's copy. Only
 * data made of JSON values (maps, lists, strings, numbers, booleans, nulls) from a codec that says
 * it {@linkplain dev.sessionkit.SessionCodec#decodesToJsonValues() decodes to JSON values} (the
 * default JSON codec does) is kept; any other codec is parsed every time. A snapshot is taken from
 * the second load of an encoding, so that data written on every request costs no copy.
 *
 * @param key the session key
 * @param encoded the encoding the data was decoded from
 * @param tree the decoded data, or null when the encoding was seen once and not kept
 */
record DecodedSnapshot(String key, String encoded, @Nullable Map<String, @Nullable Object> tree) {

  /** Encodings longer than this are not kept: a snapshot per stripe stays small. */
  static final int MAX_ENCODED_LENGTH = 8 * 1024;

  private static final Object NOT_JSON = new Object();

  /** Whether this snapshot is of {@code encoded} under {@code key}. */
  boolean isOf(String sessionKey, String data) {
    return key.equals(sessionKey) && (encoded == data || encoded.equals(data));
  }

  /**
   * A deep copy of {@code data} when it holds JSON values only, else null.
   *
   * @param data decoded session data
   */
  static @Nullable Map<String, @Nullable Object> copyOf(Map<String, @Nullable Object> data) {
    Object copy = copyValue(data);
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> map =
        copy == NOT_JSON ? null : (Map<String, @Nullable Object>) copy;
    return map;
  }

  /**
   * A deep copy of {@code value} when it is a JSON value (a map or list of them, or a scalar, which
   * is its own copy), else {@code value} itself.
   */
  static @Nullable Object copyOfValue(@Nullable Object value) {
    Object copy = copyValue(value);
    return copy == NOT_JSON ? value : copy;
  }

  private static @Nullable Object copyValue(@Nullable Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object item = copyValue(entry.getValue());
        if (!(entry.getKey() instanceof String name) || item == NOT_JSON) {
          return NOT_JSON;
        }
        copy.put(name, item);
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        Object item = copyValue(element);
        if (item == NOT_JSON) {
          return NOT_JSON;
        }
        copy.add(item);
      }
      return copy;
    }
    return NOT_JSON;
  }
}
