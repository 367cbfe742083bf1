package dev.sessionkit.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sessionkit.ImproperlyConfiguredException;
import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.CapturedLogs;
import dev.sessionkit.testing.MutableClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file backend trusts nothing that lies in its directory: who may write to it, and what sits
 * there under a session's name (a symbolic link, a FIFO, a huge file, another user's file).
 */
class FileDirectoryHardeningTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path directory;

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(DirectoryAccess.class);

  private final MutableClock clock = MutableClock.at(NOW);
  private FileSessionStore store;

  @BeforeEach
  void createStore() {
    store = new FileSessionStore(directory, SessionSettings.builder().clock(clock).build());
  }

  @Test
  void directoryOtherUsersCanWriteToStopsTheStoreNamingTheRisk() throws IOException {
    Path shared = privateSubdirectory("shared");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(shared))
        .withMessageContaining("can be written by other users")
        .withMessageContaining("sessionkit.file.path");
  }

  @Test
  void directoryOwnedByAnotherUserStopsTheStore() throws IOException {
    Path foreign = privateSubdirectory("foreign");
    Files.setOwner(foreign, nobody());

    assertThatExceptionOfType(ImproperlyConfiguredException.class)
        .isThrownBy(() -> new FileSessionStore(foreign))
        .withMessageContaining("is owned by nobody");
  }

  @Test
  void directoryOtherUsersCanListIsAcceptedWithAWarningThatNamesTheRisk() throws IOException {
    Path listable = privateSubdirectory("listable");
    Files.setPosixFilePermissions(listable, PosixFilePermissions.fromString("rwxr-xr-x"));
    new FileSessionStore(listable);

    assertThat(logs.records())
        .singleElement()
        .satisfies(record -> assertThat(record.getMessage()).contains("session keys"));
  }

  @Test
  void privateDirectoryIsCreatedForTheUserWithMode700() throws IOException {
    String tmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", directory.toString());
    try {
      FileSessionStore privateStore =
          FileSessionStore.inPrivateDirectory(SessionSettings.defaults());

      Path created = privateStore.directory();
      assertThat(created.getParent()).isEqualTo(directory);
      assertThat(created.getFileName().toString()).startsWith("sessionkit-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
          .isEqualTo("rwx------");
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
  }

  @Test
  void privateDirectoryThatSomeoneElseMadeWritableStopsTheStore() throws IOException {
    String tmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", directory.toString());
    try {
      Path planted = directory.resolve("sessionkit-" + System.getProperty("user.name"));
      Files.createDirectory(planted);
      Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));

      assertThatExceptionOfType(ImproperlyConfiguredException.class)
          .isThrownBy(() -> FileSessionStore.inPrivateDirectory(SessionSettings.defaults()))
          .withMessageContaining("can be written by other users");
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
  }

  @Test
  void privateDirectoryThatIsASymbolicLinkStopsTheStore() throws IOException {
    String tmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", directory.toString());
    try {
      Path elsewhere = privateSubdirectory("elsewhere");
      Files.createSymbolicLink(
          directory.resolve("sessionkit-" + System.getProperty("user.name")), elsewhere);

      assertThatExceptionOfType(ImproperlyConfiguredException.class)
          .isThrownBy(() -> FileSessionStore.inPrivateDirectory(SessionSettings.defaults()))
          .withMessageContaining("symbolic link");
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
  }

  @Test
  void clearExpiredRemovesAnOldOversizedEntryUnderASessionsName() throws IOException {
    Path huge = sessionFile("oldhugesession0123456789abcdefgh");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(8L * 1024 * 1024);
    }
    Files.setLastModifiedTime(huge, FileTime.from(NOW.minus(Duration.ofDays(30))));

    store.clearExpired();

    assertThat(Files.exists(huge)).isFalse();
  }

  @Test
  void symbolicLinkUnderASessionsNameIsNotFollowedAndASaveReplacesIt() throws IOException {
    String key = "linkedsession0123456789abcdefghi";
    Path target = directory.resolve("outside.txt");
    Files.writeString(target, liveRecord("{\"user\":\"admin\"}"));
    Files.createSymbolicLink(sessionFile(key), target);

    Session session = store.open(key);
    assertThat(session.keySet()).isEmpty();
    session.put("a", 1);
    session.save();

    assertThat(Files.readString(target)).contains("admin");
    assertThat(Files.isSymbolicLink(sessionFile(key))).isFalse();
  }

  @Test
  void fifoUnderASessionsNameLoadsAsAnEmptySessionWithoutBlocking() throws Exception {
    String key = "fifosession0123456789abcdefghijk";
    Process mkfifo = new ProcessBuilder("mkfifo", sessionFile(key).toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(store.open(key).keySet()).isEmpty());
  }

  @Test
  void hugeSparseFileUnderASessionsNameLoadsAsAnEmptySessionWithoutBeingRead() throws Exception {
    String key = "hugesession0123456789abcdefghijk";
    try (RandomAccessFile file = new RandomAccessFile(sessionFile(key).toFile(), "rw")) {
      file.setLength(4L * 1024 * 1024 * 1024);
    }

    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(store.open(key).keySet()).isEmpty());
  }

  @Test
  void sessionFileOwnedByAnotherUserLoadsAsAnEmptySession() throws IOException {
    String key = "plantedsession0123456789abcdefgh";
    Files.writeString(sessionFile(key), liveRecord("{\"user\":\"admin\"}"));
    Files.setOwner(sessionFile(key), nobody());

    assertThat(store.open(key).keySet()).isEmpty();
  }

  @Test
  void clearExpiredSkipsAnEntryItCannotRemoveAndGoesOn() throws IOException {
    Path stray = Files.createDirectory(directory.resolve("sessionkit-straydirectory"));
    Files.writeString(stray.resolve("inside"), "keeps the directory from being deleted");
    Files.setLastModifiedTime(stray, FileTime.from(NOW.minus(Duration.ofDays(30))));
    Session expiring = store.newSession();
    expiring.setExpiry(Duration.ofMinutes(5));
    expiring.save();
    clock.advance(Duration.ofMinutes(6));

    assertThat(store.clearExpired()).isEqualTo(1);
    assertThat(Files.exists(sessionFile(expiring.getSessionKey()))).isFalse();
    assertThat(Files.isDirectory(stray)).isTrue();
  }

  private Path privateSubdirectory(String name) throws IOException {
    return Files.createDirectory(
        directory.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private Path sessionFile(String key) {
    return directory.resolve(FileSessionStore.FILE_PREFIX + key);
  }

  private static String liveRecord(String data) {
    return StoredRecord.builder()
        .data(data)
        .expiry(NOW.plus(Duration.ofDays(1)))
        .version(1)
        .build()
        .toText();
  }

  /** The user {@code nobody}; the tests run as root (CI does), which may give files away. */
  private UserPrincipal nobody() throws IOException {
    return directory
        .getFileSystem()
        .getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
  }
}
