package dev.sessionkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionkit.ImproperlyConfiguredException;
import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What only the file backend promises: safe file names, atomic writes, private files. */
class FileSessionStoreTests {

  @TempDir Path directory;

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private FileSessionStore store;

  @BeforeEach
  void createStore() {
    store = new FileSessionStore(directory, SessionSettings.builder().clock(clock).build());
  }

  @Test
  void saveWritesOneFileNamedFromTheKeyWithTheFixedPrefix() throws IOException {
    Session session = store.newSession();
    session.put("cat", "dog");
    session.save();

    assertThat(listDirectory()).containsExactly("sessionkit-" + session.getSessionKey());
  }

  @Test
  void sessionFilesAreReadableAndWritableByTheirOwnerOnly() throws IOException {
    assumeTrue(
        directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported on this file system");
    Session session = store.newSession();
    session.put("secret", "value");
    session.save();

    Path file = directory.resolve("sessionkit-" + session.getSessionKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "a\\b",
        "ABCDEFGHIJ",
        "abc",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "",
        "abcdefgh/../../victim",
        "abcdefgh\u0000",
        "abcdefgh.json",
        "/etc/passwd"
      })
  void invalidKeyNeverReachesTheFileSystem(String key) throws IOException {
    Path victim = Files.writeString(directory.resolve("victim"), "keep me");
    Files.createDirectory(directory.resolve("sessionkit-abcdefgh"));
    List<String> before = listDirectory();

    assertThat(store.exists(key)).isFalse();
    store.delete(key);
    Session session = store.open(key);
    assertThat(session.getSessionKey()).isNull();
    assertThat(session.keySet()).isEmpty();
    assertThat(listDirectory()).isEqualTo(before);

    session.put("cat", "dog");
    session.save();
    assertThat(session.getSessionKey()).isNotEqualTo(key).matches("[a-z0-9]{32}");
    assertThat(victim).hasContent("keep me");
  }

  @Test
  void missingDirectoryIsRefusedWithTheMessageNamingTheProperty() {
    Path missing = directory.resolve("missing");

    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(missing))
        .withMessage(
            "The session storage path '"
                + missing
                + "' doesn't exist. Please set your"
                + " sessionkit.file.path property to an existing directory in which sessions can be"
                + " stored.");
  }

  @Test
  void regularFileInsteadOfDirectoryIsRefused() throws IOException {
    Path file = Files.createFile(directory.resolve("not-a-directory"));

    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(file))
        .withMessageStartingWith("The session storage path '" + file + "' doesn't exist.");
  }

  @Test
  void directoryWhereNoFileCanBeCreatedIsRefusedAsNotWritable() {
    // Even root cannot create files in /proc/self, so this holds for every user.
    Path procSelf = Path.of("/proc/self");
    assumeTrue(Files.isDirectory(procSelf), "no /proc on this system");

    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(procSelf))
        .withMessageStartingWith("The session storage path '/proc/self' is not writable.")
        .withMessageContaining("sessionkit.file.path");
  }

  @Test
  void clearExpiredRemovesOnlyExpiredSessionFiles() throws IOException {
    Session expiring = store.newSession();
    expiring.setExpiry(Duration.ofMinutes(5));
    expiring.save();
    Session live = store.newSession();
    live.put("cart", List.of("book"));
    live.save();
    Files.writeString(directory.resolve("notes.txt"), "unrelated");
    Files.writeString(directory.resolve("sessionkit-NOT-A-KEY"), "unrelated");
    Files.writeString(directory.resolve("sessionkit-abcdefgh.bak"), "unrelated");
    Files.writeString(directory.resolve("sessionkitabcdefghij"), "unrelated");
    Files.createDirectory(directory.resolve("subdirectory"));
    writtenAt(Files.writeString(directory.resolve("sessionkit-zzzzzzzzzz"), "garbage"), 0);
    writtenAt(Files.writeString(directory.resolve(".sessionkit-tmp-123"), "write in progress"), 0);

    clock.advance(Duration.ofMinutes(6));

    assertThat(store.clearExpired()).isEqualTo(1);
    assertThat(listDirectory())
        .containsExactlyInAnyOrder(
            "sessionkit-" + live.getSessionKey(),
            "notes.txt",
            "sessionkit-NOT-A-KEY",
            "sessionkit-abcdefgh.bak",
            "sessionkitabcdefghij",
            "subdirectory",
            "sessionkit-zzzzzzzzzz",
            ".sessionkit-tmp-123");
  }

  @Test
  void clearExpiredRemovesUnreadableSessionFilesOlderThanTheMaxAgeAndAbandonedTempFiles()
      throws IOException {
    Path oldCorrupt = Files.writeString(directory.resolve("sessionkit-oldcorrupt"), "garbage");
    Path newCorrupt = Files.writeString(directory.resolve("sessionkit-newcorrupt"), "garbage");
    Path oldTemp = Files.writeString(directory.resolve(".sessionkit-tmp-42"), "crashed write");
    Path newTemp = Files.writeString(directory.resolve(".sessionkit-tmp-43"), "write in progress");
    writtenAt(oldCorrupt, Duration.ofDays(15).toMinutes());
    writtenAt(newCorrupt, Duration.ofDays(13).toMinutes());
    writtenAt(oldTemp, 61);
    writtenAt(newTemp, 59);

    assertThat(store.clearExpired()).isEqualTo(1);
    assertThat(listDirectory())
        .containsExactlyInAnyOrder("sessionkit-newcorrupt", ".sessionkit-tmp-43");
  }

  /** Sets the file's modification time to {@code minutesAgo} before the store's clock. */
  private void writtenAt(Path file, long minutesAgo) throws IOException {
    Files.setLastModifiedTime(
        file, FileTime.from(clock.instant().minus(Duration.ofMinutes(minutesAgo))));
  }

  @Test
  void twoProcessesSharingTheDirectoryLoseNoUpdate() throws Exception {
    FileSessionStore here = new FileSessionStore(directory, SessionSettings.defaults());
    Session session = here.newSession();
    session.put("n", 0);
    session.save();
    String key = session.getSessionKey();
    try (ChildJvm other =
        ChildJvm.start(FileStoreWorker.class, directory.toString(), key, "8", "50")) {
      other.awaitLine("ready", Duration.ofSeconds(30));
      other.send("go");

      boolean hereSucceeded = FileStoreWorker.incrementInParallel(here, key, 8, 50);

      assertThat(other.awaitExit(Duration.ofSeconds(90))).as("the other process's exit").isZero();
      assertThat(hereSucceeded).isTrue();
      assertThat(here.open(key).get("n")).isEqualTo(800);
    }
  }

  @Test
  void nonUtf8FileLoadsAsEmptySession() throws IOException {
    Session session = store.newSession();
    session.put("cat", "dog");
    session.save();
    Files.write(
        directory.resolve("sessionkit-" + session.getSessionKey()),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, '\n', (byte) 0xc3});

    Session reopened = store.open(session.getSessionKey());
    assertThat(reopened.keySet()).isEmpty();
    assertThat(reopened.getSessionKey()).isEqualTo(session.getSessionKey());
  }

  @Test
  void readerNeverSeesAPartiallyWrittenSession() throws Exception {
    Session writer = store.newSession();
    String small = "a";
    String large = "b".repeat(100 * 1024);
    writer.put("payload", small);
    writer.save();
    String key = writer.getSessionKey();
    Path file = directory.resolve("sessionkit-" + key);
    int writes = 200;

    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<List<String>> reads =
          CompletableFuture.supplyAsync(
              () -> {
                List<String> problems = new ArrayList<>();
                int observed = 0;
                while (writing.get() || observed == 0) {
                  Object payload = store.open(key).get("payload");
                  if (!small.equals(payload) && !large.equals(payload)) {
                    problems.add("session read as " + (payload == null ? "empty" : "partial data"));
                  }
                  try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (!text.endsWith("\"}")) {
                      problems.add("file read while incomplete");
                    }
                  } catch (IOException ex) {
                    problems.add("file missing during a write: " + ex.getClass().getSimpleName());
                  }
                  observed++;
                }
                return problems;
              },
              executor);

      for (int i = 0; i < writes; i++) {
        writer.put("payload", i % 2 == 0 ? large : small);
        writer.save();
      }
      writing.set(false);

      assertThat(reads.get(60, TimeUnit.SECONDS)).isEmpty();
    } finally {
      writing.set(false);
      executor.shutdownNow();
    }
    assertThat(listDirectory()).containsExactly("sessionkit-" + key);
  }

  @Test
  void removedDirectoryFailsLoudlyNamingTheBackend() throws IOException {
    Path doomed = Files.createDirectory(directory.resolve("doomed"));
    FileSessionStore doomedStore = new FileSessionStore(doomed);
    Session session = doomedStore.newSession();
    session.put("cat", "dog");
    session.save();
    String key = session.getSessionKey();
    Files.delete(doomed.resolve("sessionkit-" + key));
    Files.delete(doomed);

    assertThatExceptionOfType(SessionStoreException.class)
        .isThrownBy(() -> doomedStore.open(key).get("cat"))
        .withMessageContaining("File session store")
        .withMessageContaining("the directory no longer exists")
        .withMessageNotContaining(key);
    Session fresh = doomedStore.newSession();
    fresh.put("cat", "dog");
    assertThatExceptionOfType(SessionStoreException.class)
        .isThrownBy(fresh::save)
        .withMessageContaining(doomed.toString());
  }

  /** The directory's entries, without the store's own lock file. */
  private List<String> listDirectory() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> !name.equals(FileSessionStorage.LOCK_FILE))
          .sorted()
          .toList();
    }
  }
}
