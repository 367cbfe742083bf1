package dev.sessionkit;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores session data as a JSON object (Jackson 3). Strings, numbers, booleans, null, lists and
 * maps round-trip; records and POJOs are written as objects and come back as maps, to be turned
 * back into their type with {@link Session#get(String, Class)}. No type information is stored, so
 * stored data can never choose which class gets instantiated.
 */
public final class JsonSessionCodec implements SessionCodec {

  private final JsonMapper mapper;

  /** A codec with Jackson's default settings. */
  public JsonSessionCodec() {
    this(JsonMapper.builder().build());
  }

  /** A codec on the application's mapper, so its modules and settings apply to session values. */
  public JsonSessionCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String encode(Map<String, ?> data) {
    try {
      return mapper.writeValueAsString(data);
    } catch (JacksonException ex) {
      throw new IllegalArgumentException(
          "Session data cannot be stored as JSON: " + ex.getOriginalMessage(), ex);
    }
  }

  /** True: Jackson reads JSON objects into {@code LinkedHashMap}s and arrays into lists. */
  @Override
  public boolean decodesToJsonValues() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> decode(String encoded) {
    Object value;
    try {
      value = mapper.readValue(encoded, Object.class);
    } catch (JacksonException ex) {
      throw new UnreadableSessionDataException(
          "stored session data is not valid JSON (" + describe(ex) + ")", ex);
    }
    if (!(value instanceof Map)) {
      throw new UnreadableSessionDataException("stored session data is not a JSON object");
    }
    return new LinkedHashMap<>((Map<String, Object>) value);
  }

  @Override
  public <T> T convert(Object value, Class<T> type) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    try {
      return mapper.convertValue(value, type);
    } catch (JacksonException ex) {
      throw new IllegalArgumentException(
          "Session value cannot be converted to " + type.getName() + ": " + ex.getOriginalMessage(),
          ex);
    }
  }

  /** The kind and place of a parse failure, without the data around it (it may be personal). */
  private static String describe(JacksonException ex) {
    var location = ex.getLocation();
    return ex.getClass().getSimpleName()
        + (location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr());
  }
}
