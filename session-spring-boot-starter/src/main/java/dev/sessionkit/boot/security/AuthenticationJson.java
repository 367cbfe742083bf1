package dev.sessionkit.boot.security;

import java.util.Map;
import org.springframework.security.core.Authentication;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Authentication} as a JSON-shaped map, through a mapper with Spring Security's Jackson
 * modules: their mixins, type ids ({@code @class}) and the allow-list of types that may be read
 * back. Never Java serialization.
 */
final class AuthenticationJson {

  private static final JsonMapper PLAIN = JsonMapper.builder().build();

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JsonMapper securityMapper;

  AuthenticationJson(JsonMapper securityMapper) {
    this.securityMapper = securityMapper;
  }

  /** The authentication as a map, with {@code @class} type ids from Spring Security's modules. */
  Map<String, Object> toMap(Authentication authentication) {
    String json = securityMapper.writerFor(Authentication.class).writeValueAsString(authentication);
    return PLAIN.readValue(json, MAP);
  }

  /**
   * The authentication a map from {@link #toMap} describes.
   *
   * @throws tools.jackson.core.JacksonException when it is not one, or names a type that the
   *     allow-list does not admit
   */
  Authentication fromMap(Object map) {
    String json = PLAIN.writeValueAsString(map);
    return securityMapper.readValue(json, Authentication.class);
  }
}
