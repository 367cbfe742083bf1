package dev.sessionkit.file;

import dev.sessionkit.ImproperlyConfiguredException;
import dev.sessionkit.SessionStoreException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.IndexedPrincipals;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Session records as files, {@value FileSessionStore#FILE_PREFIX}{@code <key>}, in one directory.
 *
 * <p>Design. A file holds {@link StoredRecord#toText()}: a header line with the expiry and version,
 * then the encoded data. Every write goes to a temporary file in the same directory, readable and
 * writable by the owner only, which then replaces the session file by an atomic rename, so a reader
 * sees the old content or the new, never a part. Must-create links the complete temporary file
 * under the session's name (a hard link fails when the name exists), so creation is atomic too.
 *
 * <p>A replace must compare the stored version and write as one step, and must not bring back a
 * session deleted meanwhile, even when other processes share the directory. Replace, delete and
 * cleanup of a key therefore hold that key's lock: an operating-system lock on one of {@value
 * #LOCK_STRIPES} bytes of the file {@value #LOCK_FILE} (chosen by the key's hash; no file is named
 * after a key), which other processes respect and which the system releases when a process dies.
 * Inside one JVM, file locks are per process, so every store first takes a JVM-wide lock for the
 * same stripe; two stores on one directory then behave like two processes. Loads take no lock. Keys
 * are validated before they become file names, so no client input reaches the file system.
 */
final class FileSessionStorage implements SessionStorage {

  static final int LOCK_STRIPES = 64;

  private static final System.Logger LOG = System.getLogger(FileSessionStorage.class.getName());

  private static final int LOCK_TIMEOUT_SECONDS = 10;

  private static final String TEMP_PREFIX = ".sessionkit-tmp-";

  /** The file whose byte ranges lock the stripes of keys. */
  static final String LOCK_FILE = ".sessionkit-locks";

  private static final Pattern TEMP_FILE = Pattern.compile(Pattern.quote(TEMP_PREFIX) + "[0-9]+");
  private static final Duration ABANDONED_TEMP_AGE = Duration.ofHours(1);
  private static final Pattern SESSION_FILE =
      Pattern.compile(Pattern.quote(FileSessionStore.FILE_PREFIX) + "[a-z0-9]{8,40}");
  private static final @Nullable FileAttribute<?> OWNER_ONLY = ownerOnlyAttribute();
  private static final StorageCapabilities CAPABILITIES =
      StorageCapabilities.builder().compareAndSet(true).indexesPrincipals(true).build();

  /**
   * The lock file of each directory, open for the JVM's lifetime. POSIX record locks belong to the
   * process, and closing any descriptor of a file drops all of the process's locks on it, so each
   * lock file is opened once (under {@link #LOCK_FILES_GUARD}) and never closed; every store on
   * that directory locks byte ranges of this one channel.
   */
  private static final ConcurrentMap<Path, LockFile> LOCK_FILES = new ConcurrentHashMap<>();

  private static final Object LOCK_FILES_GUARD = new Object();

  /** An open lock file and the identity of the file it was opened on. */
  private record LockFile(FileChannel channel, @Nullable Object fileKey) {}

  /** The JVM-wide lock of each stripe of each lock file, shared by every store of this JVM. */
  private static final ConcurrentMap<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /**
   * Room for a session file's header line beyond the session's maximum size: the instants, the
   * version, and a principal of up to {@link IndexedPrincipals#MAX_LENGTH} chars in Base64 (at most
   * 1,020 characters), which a longer principal is left out of rather than making the file
   * unreadable.
   */
  private static final int HEADER_BYTES = 2048;

  /**
   * The largest session file read, whatever the size limit: one byte more must still fit in an
   * array, which the read allocates.
   */
  private static final int LARGEST_FILE_BYTES = Integer.MAX_VALUE - 16;

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path directory;
  private final Clock clock;
  private final Duration maxAge;

  /** The largest session file read: the maximum session size and a header; never more. */
  private final int maxFileBytes;

  /** The owner every session file must have (POSIX only). */
  private final @Nullable UserPrincipal processUser;

  /**
   * @throws ImproperlyConfiguredException when the directory does not exist or is not writable
   */
  FileSessionStorage(Path directory, Clock clock, Duration maxAge, int maxSessionBytes) {
    if (!Files.isDirectory(directory)) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' doesn't exist. Please set your sessionkit.file.path property to an existing"
              + " directory in which sessions can be stored.");
    }
    UserPrincipal user = processUserIn(directory);
    if (!Files.isWritable(directory) || user == null) {
      throw new ImproperlyConfiguredException(notWritable(directory));
    }
    // Pinned: a symbolic link on the way that is swapped later cannot move the sessions elsewhere.
    this.directory = realPath(directory);
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxFileBytes = (int) Math.min((long) maxSessionBytes + HEADER_BYTES, LARGEST_FILE_BYTES);
    this.processUser = POSIX ? user : null;
    if (POSIX) {
      DirectoryAccess.check(this.directory, user);
    }
  }

  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException ex) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' cannot be resolved ("
              + ex.getClass().getSimpleName()
              + "). Please set your sessionkit.file.path property to an existing directory in"
              + " which sessions can be stored.");
    }
  }

  /**
   * The user this process creates files as, found by creating (and deleting) a file in {@code
   * directory}; null when no file can be created there (permission bits alone can lie).
   */
  private static @Nullable UserPrincipal processUserIn(Path directory) {
    try {
      Path probe = Files.createTempFile(directory, TEMP_PREFIX, ".probe");
      try {
        return Files.getOwner(probe);
      } finally {
        Files.delete(probe);
      }
    } catch (IOException | UnsupportedOperationException ex) {
      return null;
    }
  }

  Path directory() {
    return directory;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    String text = read(fileOf(key), "load");
    return text == null ? null : StoredRecord.fromText(text);
  }

  @Override
  public boolean insert(String key, StoredRecord record) {
    Path temp = writeTemp(record);
    try {
      Files.createLink(fileOf(key), temp);
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
  public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
    Path file = fileOf(key);
    Path temp = writeTemp(record);
    try {
      return locked(
          key,
          "save",
          () -> {
            String stored;
            try {
              stored = read(file, "save");
            } catch (UnreadableSessionDataException ex) {
              stored = "";
            }
            if (stored == null) {
              return ReplaceOutcome.GONE;
            }
            if (StoredRecord.versionOf(stored) != expectedVersion) {
              return ReplaceOutcome.CONFLICT;
            }
            move(temp, file);
            return ReplaceOutcome.REPLACED;
          });
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public boolean delete(String key) {
    return locked(key, "delete", () -> Files.deleteIfExists(fileOf(key)));
  }

  /**
   * Removes expired session files, unreadable session files older than the maximum age, and
   * temporary files left by a crash more than an hour ago; leaves every other file in the directory
   * alone.
   */
  @Override
  public int removeExpired(Instant now, Consumer<String> removed) {
    int count = 0;
    int failures = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, this::isOurs)) {
      for (Path file : files) {
        try {
          if (removeIfExpired(file, now, removed)) {
            count++;
          }
        } catch (IOException | RuntimeException ex) {
          failures++;
        }
      }
    } catch (IOException | DirectoryIteratorException ex) {
      throw failure("clear expired", ex instanceof IOException io ? io : new IOException(ex));
    }
    if (failures > 0) {
      LOG.log(
          Level.WARNING,
          "Could not check or remove "
              + failures
              + " file(s) in "
              + directory
              + " while clearing expired sessions; they were skipped and the others cleared");
    }
    return count;
  }

  /**
   * Reads every session file of the directory (through {@link #load}, with all its checks): the
   * directory is the index, so nothing can drift out of step, at the price of a scan whose cost
   * grows with the number of sessions stored. Files that cannot be read are skipped.
   */
  @Override
  public List<IndexedSession> sessionsOf(String principal, Instant now) {
    List<IndexedSession> sessions = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(
            directory, file -> SESSION_FILE.matcher(file.getFileName().toString()).matches())) {
      for (Path file : files) {
        String key = file.getFileName().toString().substring(FileSessionStore.FILE_PREFIX.length());
        StoredRecord record;
        try {
          record = load(key);
        } catch (RuntimeException ex) {
          continue;
        }
        if (record != null && !record.isExpiredAt(now) && principal.equals(record.principal())) {
          sessions.add(IndexedSession.of(key, record));
        }
      }
    } catch (IOException | DirectoryIteratorException ex) {
      throw failure("list", ex instanceof IOException io ? io : new IOException(ex));
    }
    return sessions;
  }

  /** Removes {@code file} if it is an expired session or an abandoned temporary file. */
  private boolean removeIfExpired(Path file, Instant now, Consumer<String> removed)
      throws IOException {
    String name = file.getFileName().toString();
    if (name.startsWith(TEMP_PREFIX)) {
      deleteIfOlderThan(file, ABANDONED_TEMP_AGE, now);
      return false;
    }
    String key = name.substring(FileSessionStore.FILE_PREFIX.length());
    if (isExpired(file, now)
        && locked(key, "clear expired", () -> isExpired(file, now) && Files.deleteIfExists(file))) {
      removed.accept(key);
      return true;
    }
    return false;
  }

  @Override
  public StorageCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backend() {
    return "file";
  }

  /** Reachable, and still writable: permission bits can change after startup. */
  @Override
  public void checkAvailable() {
    contains("sessionkithealthprobe", clock.instant());
    if (!Files.isWritable(directory)) {
      throw new SessionStoreException(notWritable(directory));
    }
  }

  @Override
  public String toString() {
    return "FileSessionStore[" + directory + "]";
  }

  // ---- locking -----------------------------------------------------------------------------

  /**
   * Runs {@code work} holding the lock of {@code key}'s stripe: first the JVM-wide lock of the
   * stripe, then an exclusive file lock on the stripe's byte of the lock file, which other
   * processes respect.
   */
  private <T> T locked(String key, String operation, FileWork<T> work) {
    int stripe = Math.floorMod(key.hashCode(), LOCK_STRIPES);
    try {
      Path lockPath = directory.toRealPath().resolve(LOCK_FILE);
      FileChannel channel = lockChannel(lockPath);
      ReentrantLock jvmLock =
          JVM_LOCKS.computeIfAbsent(lockPath + "#" + stripe, name -> new ReentrantLock());
      jvmLock.lock();
      try (FileLock fileLock = lockStripe(channel, stripe)) {
        return work.run();
      } finally {
        jvmLock.unlock();
      }
    } catch (IOException ex) {
      throw failure(operation, ex);
    }
  }

  /**
   * Locks one byte of the lock file, polling with {@code tryLock} and a growing pause (at most
   * {@value #LOCK_TIMEOUT_SECONDS} s). A blocking lock would let the kernel's deadlock detection,
   * which sees processes rather than threads, refuse it ({@code EDEADLK}) when two multi-threaded
   * processes each wait for a stripe the other holds through different threads.
   */
  private static FileLock lockStripe(FileChannel channel, int stripe) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_TIMEOUT_SECONDS);
    long pauseMicros = 20;
    while (true) {
      FileLock lock = channel.tryLock(stripe, 1, false);
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "another process held a session lock for more than " + LOCK_TIMEOUT_SECONDS + " s");
      }
      LockSupport.parkNanos(
          TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(pauseMicros + 1)));
      pauseMicros = Math.min(pauseMicros * 2, 2_000);
    }
  }

  /**
   * The JVM's one open channel on the lock file at {@code lockPath}, opened (and created) when
   * there is none yet, or when the file there is no longer the one it was opened on (the directory
   * was replaced).
   */
  private static FileChannel lockChannel(Path lockPath) throws IOException {
    LockFile open = LOCK_FILES.get(lockPath);
    if (open != null && open.fileKey() != null && open.fileKey().equals(fileKeyOf(lockPath))) {
      return open.channel();
    }
    synchronized (LOCK_FILES_GUARD) {
      open = LOCK_FILES.get(lockPath);
      if (open == null || open.fileKey() == null || !open.fileKey().equals(fileKeyOf(lockPath))) {
        FileChannel channel = openLockFile(lockPath);
        open = new LockFile(channel, fileKeyOf(lockPath));
        LOCK_FILES.put(lockPath, open);
      }
      return open.channel();
    }
  }

  private static FileChannel openLockFile(Path lockFile) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return OWNER_ONLY == null
        ? FileChannel.open(lockFile, options)
        : FileChannel.open(lockFile, options, OWNER_ONLY);
  }

  private static @Nullable Object fileKeyOf(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (NoSuchFileException ex) {
      return null;
    }
  }

  /** Work on the directory's files. */
  @FunctionalInterface
  private interface FileWork<T> {
    T run() throws IOException;
  }

  // ---- files -------------------------------------------------------------------------------

  private boolean isOurs(Path path) {
    String name = path.getFileName().toString();
    return SESSION_FILE.matcher(name).matches() || TEMP_FILE.matcher(name).matches();
  }

  /** Expired, or unreadable and not written for longer than the maximum age. */
  private boolean isExpired(Path file, Instant now) throws IOException {
    String text;
    try {
      text = read(file, "clear expired");
    } catch (UnreadableSessionDataException ex) {
      return isOlderThan(file, maxAge, now); // not a regular file of ours, or too large
    }
    if (text == null) {
      return false;
    }
    try {
      return StoredRecord.fromText(text).isExpiredAt(now);
    } catch (UnreadableSessionDataException ex) {
      return isOlderThan(file, maxAge, now);
    }
  }

  private static void deleteIfOlderThan(Path file, Duration age, Instant now) throws IOException {
    if (isOlderThan(file, age, now)) {
      Files.deleteIfExists(file);
    }
  }

  private static boolean isOlderThan(Path file, Duration age, Instant now) throws IOException {
    try {
      Instant written = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
      return written.plus(age).isBefore(now);
    } catch (NoSuchFileException ex) {
      return false;
    }
  }

  /**
   * The file's text, or null when there is no such file. Only a regular file (a symbolic link is
   * not followed), owned by this process's user and at most the maximum session size (and a header
   * line) long, is read; anything else that lies in the directory under a session's name is
   * unreadable, so the session starts empty (and a save replaces the entry with a proper file). A
   * FIFO is never opened, so it cannot block a request.
   */
  private @Nullable String read(Path file, String operation) {
    BasicFileAttributes attributes;
    try {
      attributes =
          POSIX
              ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException ex) {
      if (!Files.isDirectory(directory)) {
        throw failure(operation, ex);
      }
      return null;
    } catch (IOException ex) {
      throw failure(operation, ex);
    }
    if (!attributes.isRegularFile()) {
      throw new UnreadableSessionDataException("session file is not a regular file");
    }
    if (attributes instanceof PosixFileAttributes posix
        && processUser != null
        && !processUser.equals(posix.owner())) {
      throw new UnreadableSessionDataException("session file is owned by another user");
    }
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      // The size of the file opened (a rename may have put another in place since the check above).
      long size = channel.size();
      if (size > maxFileBytes) {
        throw new UnreadableSessionDataException(
            "session file is larger than " + maxFileBytes + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read until full or end of file
      }
      if (!buffer.hasRemaining()) {
        throw new UnreadableSessionDataException("session file grew while it was read");
      }
      buffer.flip();
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buffer)
          .toString();
    } catch (NoSuchFileException ex) {
      if (!Files.isDirectory(directory)) {
        throw failure(operation, ex);
      }
      return null;
    } catch (CharacterCodingException ex) {
      throw new UnreadableSessionDataException("session file is not UTF-8 text", ex);
    } catch (FileSystemException ex) {
      if ("ELOOP".equals(ex.getReason()) || String.valueOf(ex.getReason()).contains("symbolic")) {
        throw new UnreadableSessionDataException("session file became a symbolic link");
      }
      throw failure(operation, ex);
    } catch (IOException ex) {
      throw failure(operation, ex);
    }
  }

  private Path writeTemp(StoredRecord record) {
    try {
      Path temp =
          OWNER_ONLY == null
              ? Files.createTempFile(directory, TEMP_PREFIX, "")
              : Files.createTempFile(directory, TEMP_PREFIX, "", OWNER_ONLY);
      StoredRecord stored =
          IndexedPrincipals.indexable(record, this) == null && record.principal() != null
              ? record.toBuilder().principal(null).build()
              : record;
      Files.writeString(temp, stored.toText(), StandardCharsets.UTF_8);
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

  private Path fileOf(String key) {
    return directory.resolve(FileSessionStore.FILE_PREFIX + key);
  }

  private static String notWritable(Path directory) {
    return "The session storage path '"
        + directory
        + "' is not writable. Please set your sessionkit.file.path property to a directory"
        + " this application can write to, or give it write permission.";
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
    return new SessionStoreException(message + cause.getClass().getSimpleName());
  }

  private static @Nullable FileAttribute<?> ownerOnlyAttribute() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        : null;
  }
}
