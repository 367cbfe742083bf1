package dev.sessionkit.boot.cleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.jspecify.annotations.Nullable;

/**
 * The cleanup lock of the file backend, for several processes (or application contexts) sharing one
 * session directory: an operating-system lock ({@link FileChannel#tryLock()}) on the file {@value
 * #LOCK_FILE_NAME} in that directory, held while a run cleans, and in the file the instant until
 * which the lock stays taken, with ShedLock's meaning: the start plus {@code lockAtMostFor} while
 * running (so a process killed while cleaning blocks the others no longer than that; the operating
 * system releases its lock at once), and the start plus {@code lockAtLeastFor} once done. The
 * file's name does not look like a session file, so the store's cleanup leaves it alone. Instants
 * come from the given clock: every process sharing a directory runs on one machine.
 */
final class FileCleanupLockProvider implements LockProvider {

  static final String LOCK_FILE_NAME = ".sessionkit-cleanup.lock";

  private static final Set<OpenOption> OPEN =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.READ,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);

  private final Path lockFile;
  private final Clock clock;

  FileCleanupLockProvider(Path directory, Clock clock) {
    this.lockFile = directory.resolve(LOCK_FILE_NAME);
    this.clock = clock;
  }

  @Override
  public Optional<SimpleLock> lock(LockConfiguration configuration) {
    FileChannel channel = open();
    try {
      FileLock osLock = tryLock(channel);
      if (osLock == null) {
        channel.close();
        return Optional.empty();
      }
      Instant now = clock.instant();
      Instant until = readUntil(channel);
      if (until != null && now.isBefore(until)) {
        osLock.release();
        channel.close();
        return Optional.empty();
      }
      writeUntil(channel, now.plus(configuration.getLockAtMostFor()));
      return Optional.of(
          () -> {
            try (channel) {
              Instant leastUntil = now.plus(configuration.getLockAtLeastFor());
              Instant end = clock.instant();
              writeUntil(channel, end.isAfter(leastUntil) ? end : leastUntil);
              osLock.release();
            } catch (IOException ex) {
              throw new UncheckedIOException("Could not release the cleanup lock " + lockFile, ex);
            }
          });
    } catch (IOException | RuntimeException ex) {
      try {
        channel.close();
      } catch (IOException closeFailure) {
        ex.addSuppressed(closeFailure);
      }
      if (ex instanceof IOException io) {
        throw new UncheckedIOException("Could not take the cleanup lock " + lockFile, io);
      }
      throw (RuntimeException) ex;
    }
  }

  private FileChannel open() {
    try {
      return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? FileChannel.open(lockFile, OPEN, ownerOnly())
          : FileChannel.open(lockFile, OPEN);
    } catch (IOException ex) {
      throw new UncheckedIOException("Could not open the cleanup lock " + lockFile, ex);
    }
  }

  private static FileAttribute<?> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }

  /** The operating-system lock, or null when another process or channel of this JVM holds it. */
  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException ex) {
      return null;
    }
  }

  private static @Nullable Instant readUntil(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    try {
      return text.isBlank() ? null : Instant.parse(text.strip());
    } catch (DateTimeParseException ex) {
      return null;
    }
  }

  private static void writeUntil(FileChannel channel, Instant until) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((until + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
  }

  @Override
  public String toString() {
    return "file " + lockFile;
  }
}
