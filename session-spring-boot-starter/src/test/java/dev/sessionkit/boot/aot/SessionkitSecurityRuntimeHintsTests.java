package dev.sessionkit.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;

class SessionkitSecurityRuntimeHintsTests {

  private final RuntimeHints hints = new RuntimeHints();

  @Test
  void everyClassOfAStoredLoginIsOpenToReflectionAndExists() {
    new SessionkitSecurityRuntimeHints().registerHints(hints, getClass().getClassLoader());

    for (String type : SessionkitSecurityRuntimeHints.LOGIN_JSON_TYPES) {
      assertThat(
              RuntimeHintsPredicates.reflection()
                  .onType(org.springframework.aot.hint.TypeReference.of(type)))
          .as(type)
          .accepts(hints);
    }
    assertThat(
            RuntimeHintsPredicates.reflection()
                .onType(UsernamePasswordAuthenticationToken.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
        .accepts(hints);
    assertThat(
            RuntimeHintsPredicates.reflection()
                .onType(User.class)
                .withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS))
        .accepts(hints);
  }

  @Test
  void aClassLoaderWithoutSpringSecurityGetsNoHints() {
    ClassLoader withoutSecurity =
        new ClassLoader(null) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.springframework.security.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };

    new SessionkitSecurityRuntimeHints().registerHints(hints, withoutSecurity);

    assertThat(hints.reflection().typeHints()).isEmpty();
  }

  @Test
  void aotProcessingFindsThem() {
    List<RuntimeHintsRegistrar> registrars =
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class);

    assertThat(registrars).hasAtLeastOneElementOfType(SessionkitSecurityRuntimeHints.class);
  }
}
