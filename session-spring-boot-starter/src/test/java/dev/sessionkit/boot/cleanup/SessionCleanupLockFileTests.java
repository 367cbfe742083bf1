package dev.sessionkit.boot.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.boot.SessionkitProperties;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cleanup lock of the file backend: a locked file in the session directory. */
class SessionCleanupLockFileTests extends SessionCleanupLockContractTests {

  @TempDir Path directory;

  @Override
  StorageSessionStore newStore(SessionSettings settings) {
    return new FileSessionStore(directory, settings);
  }

  /** On the system clock, as the database's lock is on the database's: the store's clock jumps. */
  @Override
  SessionCleanupLock newLock() {
    return SessionCleanupLock.file(directory, Clock.systemUTC());
  }

  @Override
  void breakTheLock() throws Exception {
    Files.createDirectory(directory.resolve(FileCleanupLockProvider.LOCK_FILE_NAME));
  }

  @Test
  void theLockFileStaysOutOfTheStoresWayAndHoldsTheInstantItIsTakenUntil() throws Exception {
    SessionkitProperties.Cleanup properties = new SessionkitProperties.Cleanup();
    properties.setJitter(Duration.ZERO);
    StorageSessionStore store = newStore(SessionSettings.builder().clock(clock).build());

    new SessionCleanup(
            store,
            properties,
            SessionCleanupLock.file(directory, clock),
            RandomGenerator.getDefault())
        .clearExpired();

    Path lockFile = directory.resolve(FileCleanupLockProvider.LOCK_FILE_NAME);
    assertThat(Files.readString(lockFile).strip())
        .isEqualTo(clock.instant().plus(properties.getLockAtLeastFor()).toString());
    assertThat(store.clearExpired()).isZero();
    assertThat(lockFile).exists();
  }
}
