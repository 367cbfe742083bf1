package dev.sessionkit.boot.web;

import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.lifecycle.AfterProperty;
import org.springframework.util.FileSystemUtils;

/** The cookie-header fuzz of the filter on the file backend, in a private directory of its own. */
class FileSessionFilterCookieFuzzTests extends SessionFilterCookieFuzzTests {

  private @org.jspecify.annotations.Nullable Path directory;

  @Override
  SessionStore newStore() {
    try {
      directory = Files.createTempDirectory("sessionkit-cookie-fuzz-");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new FileSessionStore(directory);
  }

  @AfterProperty
  void removeDirectory() throws IOException {
    if (directory != null) {
      FileSystemUtils.deleteRecursively(directory);
    }
  }
}
