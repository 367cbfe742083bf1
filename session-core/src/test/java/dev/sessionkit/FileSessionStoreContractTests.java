package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session store contract on {@link FileSessionStore} in a temporary directory. Records are
 * reached directly as the files {@code sessionkit-<key>}: the expiry instant on the first line, the
 * data after it.
 */
class FileSessionStoreContractTests extends SessionStoreContractTests
    implements ConcurrentSavesContract, PrincipalIndexContract {

  @TempDir Path directory;

  private @Nullable StorageSessionStore otherStore;

  /**
   * A second store on the same directory: file locks are per process, so two stores in one JVM
   * stand in for two JVMs sharing the directory.
   */
  @Override
  public StorageSessionStore otherStore() {
    StorageSessionStore other = otherStore;
    if (other == null) {
      other = new FileSessionStore(directory, settings);
      otherStore = other;
    }
    return other;
  }

  @Override
  StorageSessionStore createStore(SessionSettings settings) {
    return new FileSessionStore(directory, settings);
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    Path file = fileOf(sessionKey);
    String text = read(file);
    write(file, text.substring(0, text.indexOf('\n') + 1) + rawData);
  }

  @Override
  boolean isStored(String sessionKey) {
    return Files.exists(fileOf(sessionKey));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "no expiry line", "not an instant\n{\"a\": 1}", "\n{\"a\": 1}"})
  void sessionFileThatIsNotASessionRecordLoadsAsAnEmptySession(String content) {
    String key = storedSession(Map.of("a", 1));
    write(fileOf(key), content);
    Session session = store.open(key);

    assertThatNoException().isThrownBy(() -> session.get("a"));
    assertThat(session.keySet()).isEmpty();
  }

  @Test
  void storeWhoseDirectoryWasDeletedAfterConstructionThrowsSessionStoreExceptionNamingIt()
      throws IOException {
    Path sessions = Files.createDirectory(directory.resolve("sessions"));
    FileSessionStore files = new FileSessionStore(sessions, settings);
    files.addListener(listener);
    Session saved = files.newSession();
    saved.put("a", 1);
    saved.save();
    String key = saved.getSessionKey();
    Session loaded = files.open(key);
    assertThat(loaded.get("a")).isEqualTo(1);
    Session stored = files.open(key);
    Session fresh = files.newSession();
    fresh.put("b", 2);

    deleteRecursively(sessions);

    assertFailsNamingTheDirectory(() -> stored.get("a"), sessions, key);
    assertFailsNamingTheDirectory(loaded::save, sessions, key);
    assertFailsNamingTheDirectory(fresh::save, sessions, key);
    assertFailsNamingTheDirectory(() -> files.exists(key), sessions, key);
    assertFailsNamingTheDirectory(files::clearExpired, sessions, key);
    assertThat(listener.failedOperations()).contains("load", "save", "create");
  }

  private static void assertFailsNamingTheDirectory(
      ThrowingCallable operation, Path directory, String key) {
    assertThatThrownBy(operation)
        .isInstanceOf(SessionStoreException.class)
        .hasMessageContaining(directory.toString())
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(key));
  }

  private Path fileOf(String sessionKey) {
    return directory.resolve(FileSessionStore.FILE_PREFIX + sessionKey);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
