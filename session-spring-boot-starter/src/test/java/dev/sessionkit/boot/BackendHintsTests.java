package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** IDEs offer every value of {@code sessionkit.backend}: the metadata hints list each one. */
class BackendHintsTests {

  @Test
  void backendHintsNameEveryBackend() throws Exception {
    JsonNode metadata = ReadmePropertyTableTests.generatedMetadata();
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
