package dev.sessionkit.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

class SessionkitRuntimeHintsTests {

  private final RuntimeHints hints = new RuntimeHints();

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "mariadb", "mysql"})
  void everySchemaScriptTheStarterReadsIsIncluded(String platform) {
    String script = "dev/sessionkit/jdbc/schema-" + platform + ".sql";
    assertThat(getClass().getClassLoader().getResource(script)).as(script).isNotNull();

    new SessionkitRuntimeHints().registerHints(hints, getClass().getClassLoader());

    assertThat(RuntimeHintsPredicates.resource().forResource(script)).accepts(hints);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "mariadb", "mysql"})
  void everyCleanupLockScriptIsIncluded(String platform) {
    String script = "dev/sessionkit/boot/cleanup-lock-schema-" + platform + ".sql";
    assertThat(getClass().getClassLoader().getResource(script)).as(script).isNotNull();

    new SessionkitRuntimeHints().registerHints(hints, getClass().getClassLoader());

    assertThat(RuntimeHintsPredicates.resource().forResource(script)).accepts(hints);
  }

  @Test
  void otherResourcesAreNotIncluded() {
    new SessionkitRuntimeHints().registerHints(hints, getClass().getClassLoader());

    assertThat(RuntimeHintsPredicates.resource().forResource("dev/sessionkit/jdbc/other.txt"))
        .rejects(hints);
  }

  @Test
  void aotProcessingFindsTheHintsWithoutAnyConfiguration() {
    List<RuntimeHintsRegistrar> registrars =
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class);

    assertThat(registrars).hasAtLeastOneElementOfType(SessionkitRuntimeHints.class);
  }
}
