package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The property table in README.md's "Spring Boot starter" section is the one the configuration
 * processor generates: same properties, defaults and descriptions.
 */
class ReadmePropertyTableTests {

  private static final String START = "<!-- spring-boot-starter -->";
  private static final String END = "<!-- /spring-boot-starter -->";

  @Test
  void readmePropertyTableMatchesTheGeneratedMetadata() throws Exception {
    assertThat(readmeRows()).containsExactlyElementsOf(metadataRows());
  }

  /** The configuration metadata the processor generated for the starter. */
  static JsonNode generatedMetadata() throws Exception {
    try (InputStream in =
        ReadmePropertyTableTests.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated configuration metadata").isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<String> metadataRows() throws Exception {
    JsonNode metadata = generatedMetadata();
    List<String> rows = new ArrayList<>();
    for (JsonNode property : metadata.get("properties")) {
      JsonNode defaultValue = property.get("defaultValue");
      rows.add(
          "| `"
              + property.get("name").asString()
              + "` | "
              + (defaultValue == null ? "(unset)" : "`" + defaultValue.asString() + "`")
              + " | "
              + property.get("description").asString()
              + " |");
    }
    return rows.stream().sorted().toList();
  }

  private static List<String> readmeRows() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("README marker " + START).isNotNegative();
    assertThat(end).as("README marker " + END).isGreaterThan(start);
    return readme
        .substring(start, end)
        .lines()
        .filter(
            line ->
                line.startsWith("| `sessionkit.")
                    || line.startsWith("| `management.endpoint.sessionkit."))
        .sorted()
        .toList();
  }
}
