package dev.sessionkit.file;

import dev.sessionkit.ImproperlyConfiguredException;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.engine.StorageSessionStore;
import java.nio.file.Path;

/**
 * Keeps each session in its own file, {@value #FILE_PREFIX}{@code <key>}, in one directory:
 *
 * <pre>{@code
 * SessionStore store = new FileSessionStore(Path.of("/var/lib/myapp/sessions"));
 * }</pre>
 *
 * <p>Writes are atomic (a temporary file renamed over the session's), files are readable by their
 * owner only, and concurrent saves of one session merge, also between processes (or stores) that
 * share the directory: a save compares the version under an operating-system file lock. {@link
 * #clearExpired()} removes expired session files and temporary files left by a crash.
 */
public final class FileSessionStore extends StorageSessionStore {

  /** The prefix of every session file's name. */
  public static final String FILE_PREFIX = "sessionkit-";

  private final Path directory;

  /** A store in {@code directory} with the default settings. */
  public FileSessionStore(Path directory) {
    this(directory, SessionSettings.defaults());
  }

  /**
   * A store in {@code directory}.
   *
   * @throws ImproperlyConfiguredException when the directory does not exist or is not writable, or
   *     (on POSIX file systems) when another user owns it or can write to it; a directory other
   *     users can list is accepted with a warning, since file names are session keys
   */
  public FileSessionStore(Path directory, SessionSettings settings) {
    super(
        new FileSessionStorage(directory, settings.clock(), settings.maxAge(), settings.maxSize()),
        settings);
    this.directory = directory;
  }

  /**
   * A store in this user's private directory, {@code <java.io.tmpdir>/sessionkit-<user>}, created
   * with mode 700 when missing (the default of the Spring Boot starter).
   *
   * @throws ImproperlyConfiguredException when that directory exists but another user owns it or
   *     can write to it
   */
  public static FileSessionStore inPrivateDirectory(SessionSettings settings) {
    return new FileSessionStore(DirectoryAccess.privateDirectory(), settings);
  }

  /** The directory sessions are stored in. */
  public Path directory() {
    return directory;
  }
}
