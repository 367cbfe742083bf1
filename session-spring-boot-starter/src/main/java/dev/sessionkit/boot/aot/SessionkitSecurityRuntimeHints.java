package dev.sessionkit.boot.aot;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What a GraalVM native image needs to read back a login stored in the session: the Spring Security
 * integration writes the {@code Authentication} as JSON through Spring Security's Jackson 3
 * modules, whose mixins and deserializers Jackson reaches by reflection, and which bind the token,
 * user and authority classes reflectively. Spring Security 7.0 ships no hints for them yet, so
 * without these a native application would read every stored login as absent (logged out at each
 * request).
 *
 * <p>Registered through {@code META-INF/spring/aot.factories}; each class is registered only when
 * it is on the classpath (an application without Spring Security gets none).
 */
public final class SessionkitSecurityRuntimeHints implements RuntimeHintsRegistrar {

  /** The classes Jackson binds or instantiates when it reads a stored login. */
  static final List<String> LOGIN_JSON_TYPES =
      List.of(
          "org.springframework.security.jackson.SecurityJacksonModules",
          "org.springframework.security.jackson.CoreJacksonModule",
          "org.springframework.security.jackson.UsernamePasswordAuthenticationTokenMixin",
          "org.springframework.security.jackson.UsernamePasswordAuthenticationTokenDeserializer",
          "org.springframework.security.jackson.RememberMeAuthenticationTokenMixin",
          "org.springframework.security.jackson.AnonymousAuthenticationTokenMixin",
          "org.springframework.security.jackson.SimpleGrantedAuthorityMixin",
          "org.springframework.security.jackson.FactorGrantedAuthorityMixin",
          "org.springframework.security.jackson.UserMixin",
          "org.springframework.security.jackson.UserDeserializer",
          "org.springframework.security.web.jackson.WebJacksonModule",
          "org.springframework.security.web.jackson.WebServletJacksonModule",
          "org.springframework.security.web.jackson.WebAuthenticationDetailsMixin",
          "org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
          "org.springframework.security.authentication.RememberMeAuthenticationToken",
          "org.springframework.security.authentication.AnonymousAuthenticationToken",
          "org.springframework.security.core.authority.SimpleGrantedAuthority",
          "org.springframework.security.core.authority.FactorGrantedAuthority",
          "org.springframework.security.core.userdetails.User",
          "org.springframework.security.web.authentication.WebAuthenticationDetails");

  @Override
  public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
    for (String type : LOGIN_JSON_TYPES) {
      if (ClassUtils.isPresent(type, classLoader)) {
        hints
            .reflection()
            .registerType(
                TypeReference.of(type),
                MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
                MemberCategory.INVOKE_DECLARED_METHODS,
                MemberCategory.ACCESS_DECLARED_FIELDS);
      }
    }
  }
}
