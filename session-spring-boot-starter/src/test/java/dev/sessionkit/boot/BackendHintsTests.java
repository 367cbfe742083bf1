package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** IDEs offer every value of {@code sessionkit.backend}: the metadata hints list each one. */
class BackendHintsTests {

  @Test
  void backendHintsNameEveryBackend() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        BackendHintsTests.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated configuration metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> hinted = new ArrayList<>();
    for (JsonNode hint : metadata.get("hints")) {
      if (hint.get("name").asString().equals("sessionkit.backend")) {
        hint.get("values").forEach(value -> hinted.add(value.get("value").asString()));
      }
    }

    assertThat(hinted)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(SessionkitProperties.Backend.values())
                .map(backend -> backend.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList());
  }
}
