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
   * @throws ImproperlyConfiguredException when the directory does not exist or is not writable
   */
  public FileSessionStore(Path directory, SessionSettings settings) {
    super(new FileSessionStorage(directory, settings.clock(), settings.maxAge()), settings);
    this.directory = directory;
  }

  /** The directory sessions are stored in. */
  public Path directory() {
    return directory;
  }
}
