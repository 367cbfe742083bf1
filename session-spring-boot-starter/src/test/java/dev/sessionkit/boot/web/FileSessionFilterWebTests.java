package dev.sessionkit.boot.web;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The session filter with the file backend in a temporary directory. */
class FileSessionFilterWebTests extends AbstractSessionFilterWebTests {

  @TempDir static Path sessions;

  @Override
  Map<String, Object> backendProperties() {
    return Map.of("sessionkit.backend", "file", "sessionkit.file.path", sessions.toString());
  }

  @Override
  String backendName() {
    return "file";
  }
}
