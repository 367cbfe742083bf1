package dev.sessionkit.file;

import dev.sessionkit.AbstractSessionStore;
import dev.sessionkit.ImproperlyConfiguredException;
import dev.sessionkit.SessionRecord;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each session in its own file, {@value #FILE_PREFIX}{@code <key>}, in one directory:
 *
 * <pre>{@code
 * SessionStore store = new FileSessionStore(Path.of("/var/lib/myapp/sessions"));
 * }</pre>
 *
 * <p>Design. A file holds the expiry instant on its first line and the encoded data after it. Every
 * write goes to a temporary file in the same directory, readable and writable by the owner only,
 * which then replaces the session file by an atomic rename, so a reader sees the old content or the
 * new, never a part. Must-create links the complete temporary file under the session's name (a hard
 * link fails when the name exists), so creation is atomic too. An update must not bring back a
 * session deleted meanwhile; update and delete of one key are therefore serialized within this
 * store (striped locks), which makes the check-then-rename safe inside one JVM. Several JVMs
 * sharing one directory keep atomic writes but may, in a narrow race, re-create a session that
 * another JVM deleted at the same instant. Keys are validated before they are turned into file
 * names, so no client input reaches the file system.
 */
public final class FileSessionStore extends AbstractSessionStore {

  /** The prefix of every session file's name. */
  public static final String FILE_PREFIX = "sessionkit-";

  private static final String TEMP_PREFIX = ".sessionkit-tmp-";
  private static final Pattern TEMP_FILE = Pattern.compile(Pattern.quote(TEMP_PREFIX) + "[0-9]+");
  private static final Duration ABANDONED_TEMP_AGE = Duration.ofHours(1);
  private static final Pattern SESSION_FILE =
      Pattern.compile(Pattern.quote(FILE_PREFIX) + "[a-z0-9]{8,40}");
  private static final @Nullable FileAttribute<?> OWNER_ONLY = ownerOnlyAttribute();

  private final Path directory;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  /** A store in {@code directory} with the default settings. */
  public FileSessionStore(Path directory) {
    this(directory, SessionSettings.defaults());
  }

  /**
   * A store in {@code directory}.
   *
   * @throws ImproperlyConfiguredException when the directory does not exist or is not writable
   */
  public FileSessionStore(Path directory, SessionSettings settings) {
    super(settings);
    if (!Files.isDirectory(directory)) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' doesn't exist. Please set your sessionkit.file.path property to an existing"
              + " directory in which sessions can be stored.");
    }
    if (!Files.isWritable(directory) || !canCreateFiles(directory)) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' is not writable. Please set your sessionkit.file.path property to a directory"
              + " this application can write to, or give it write permission.");
    }
    this.directory = directory;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Whether a file can really be created in {@code directory}; permission bits alone can lie. */
  private static boolean canCreateFiles(Path directory) {
    try {
      Files.delete(Files.createTempFile(directory, TEMP_PREFIX, ".probe"));
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  /** The directory sessions are stored in. */
  public Path directory() {
    return directory;
  }

  @Override
  protected @Nullable SessionRecord load(String sessionKey) {
    return read(fileOf(sessionKey), "load");
  }

  @Override
  protected boolean insert(String sessionKey, SessionRecord record) {
    Path temp = writeTemp(record);
    try {
      Files.createLink(fileOf(sessionKey), temp);
      return true;
    } catch (FileAlreadyExistsException ex) {
      return false;
    } catch (IOException ex) {
      throw failure("create", ex);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  protected boolean update(String sessionKey, SessionRecord record) {
    Path file = fileOf(sessionKey);
    Path temp = writeTemp(record);
    ReentrantLock lock = lockOf(sessionKey);
    lock.lock();
    try {
      if (!Files.exists(file)) {
        return false;
      }
      move(temp, file);
      return true;
    } catch (IOException ex) {
      throw failure("save", ex);
    } finally {
      lock.unlock();
      deleteQuietly(temp);
    }
  }

  @Override
  protected void remove(String sessionKey) {
    ReentrantLock lock = lockOf(sessionKey);
    lock.lock();
    try {
      Files.deleteIfExists(fileOf(sessionKey));
    } catch (IOException ex) {
      throw failure("delete", ex);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes expired session files, unreadable session files older than the maximum age, and
   * temporary files left by a crash more than an hour ago; leaves every other file in the directory
   * alone.
   *
   * @return how many session files were removed
   */
  @Override
  public int clearExpired() {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, this::isOurs)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
          deleteIfOlderThan(file, ABANDONED_TEMP_AGE);
        } else if (isExpired(file)) {
          ReentrantLock lock = lockOf(name.substring(FILE_PREFIX.length()));
          lock.lock();
          try {
            if (isExpired(file) && Files.deleteIfExists(file)) {
              removed++;
            }
          } finally {
            lock.unlock();
          }
        }
      }
    } catch (IOException ex) {
      throw failure("clear expired sessions", ex);
    }
    return removed;
  }

  @Override
  public String toString() {
    return "FileSessionStore[" + directory + "]";
  }

  private boolean isOurs(Path path) {
    String name = path.getFileName().toString();
    return SESSION_FILE.matcher(name).matches() || TEMP_FILE.matcher(name).matches();
  }

  /** Expired, or unreadable and not written for longer than the maximum age. */
  private boolean isExpired(Path file) throws IOException {
    try {
      SessionRecord record = read(file, "clear expired sessions");
      return record != null && record.isExpiredAt(settings().clock().instant());
    } catch (UnreadableSessionDataException ex) {
      return isOlderThan(file, settings().maxAge());
    }
  }

  private void deleteIfOlderThan(Path file, Duration age) throws IOException {
    if (isOlderThan(file, age)) {
      Files.deleteIfExists(file);
    }
  }

  private boolean isOlderThan(Path file, Duration age) throws IOException {
    try {
      Instant written = Files.getLastModifiedTime(file).toInstant();
      return written.plus(age).isBefore(settings().clock().instant());
    } catch (NoSuchFileException ex) {
      return false;
    }
  }

  private @Nullable SessionRecord read(Path file, String operation) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException ex) {
      if (!Files.isDirectory(directory)) {
        throw failure(operation, ex);
      }
      return null;
    } catch (CharacterCodingException ex) {
      throw new UnreadableSessionDataException("session file is not UTF-8 text", ex);
    } catch (IOException ex) {
      throw failure(operation, ex);
    }
    return SessionRecord.fromText(text);
  }

  private Path writeTemp(SessionRecord record) {
    try {
      Path temp =
          OWNER_ONLY == null
              ? Files.createTempFile(directory, TEMP_PREFIX, "")
              : Files.createTempFile(directory, TEMP_PREFIX, "", OWNER_ONLY);
      Files.writeString(temp, record.toText(), StandardCharsets.UTF_8);
      return temp;
    } catch (IOException ex) {
      throw failure("write", ex);
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException ex) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ex) {
      // a leftover temporary file is harmless: it never matches a session file name
    }
  }

  private Path fileOf(String sessionKey) {
    return directory.resolve(FILE_PREFIX + sessionKey);
  }

  private ReentrantLock lockOf(String sessionKey) {
    return locks[Math.floorMod(sessionKey.hashCode(), locks.length)];
  }

  /**
   * A failure naming the directory and the reason but not the file: file names carry session keys,
   * which must stay out of messages and logs.
   */
  private SessionStoreException failure(String operation, IOException cause) {
    String message =
        "File session store (directory " + directory + ") could not " + operation + " a session: ";
    if (!Files.isDirectory(directory)) {
      return new SessionStoreException(message + "the directory no longer exists");
    }
    if (cause instanceof FileSystemException fileSystemCause) {
      String reason = fileSystemCause.getReason();
      return new SessionStoreException(
          message + cause.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")"));
    }
    return new SessionStoreException(message + cause.getMessage(), cause);
  }

  private static @Nullable FileAttribute<?> ownerOnlyAttribute() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        : null;
  }
}
