package dev.sessionkit.boot.cleanup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes sure that only one application instance removes expired sessions at a time, where the
 * instances share the sessions: a database table, or a session directory shared by several
 * processes on one machine. A store the starter knows nothing about has {@link #none()}, which
 * always runs.
 *
 * <p>The database lock is ShedLock's: a row named {@value #LOCK_NAME} in a table beside the
 * sessions ({@link #lockTableName(String) the session table's name plus {@code _lock}}), taken with
 * an update that only succeeds when the row's {@code lock_until} has passed by the database's own
 * clock, so the instances' clocks need not agree. The lock is released after the run but holds at
 * least {@code lockAtLeastFor} from its start (instances whose runs start close together skip
 * instead of cleaning twice), and at most {@code lockAtMostFor}, after which an instance that died
 * while cleaning no longer blocks the others.
 *
 * <p>Internal to the starter: public only so that the backends' auto-configurations in other
 * packages (db and file, cached-db) give the cleanup its lock. Not API; it may change in any
 * release.
 */
public final class SessionCleanupLock {

  /** The name of the lock row. */
  public static final String LOCK_NAME = "sessionkit-cleanup";

  private static final SessionCleanupLock NONE = new SessionCleanupLock(null, "none");

  private final @Nullable LockingTaskExecutor executor;
  private final String description;

  private SessionCleanupLock(@Nullable LockProvider provider, String description) {
    this.executor = provider == null ? null : new DefaultLockingTaskExecutor(provider);
    this.description = description;
  }

  /** No lock: every run goes ahead (a backend that no other instance cleans). */
  public static SessionCleanupLock none() {
    return NONE;
  }

  /**
   * A lock row in {@link #lockTableName(String)} of {@code dataSource}, which {@link
   * dev.sessionkit.boot.jdbc.JdbcSessionSchemaInitializer} creates with the session table.
   *
   * @param sessionTableName the session table, a plain (optionally schema-qualified) SQL identifier
   */
  public static SessionCleanupLock jdbc(DataSource dataSource, String sessionTableName) {
    String lockTable = lockTableName(sessionTableName);
    LockProvider provider =
        new JdbcTemplateLockProvider(
            JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(lockTable)
                .usingDbTime()
                .build());
    return new SessionCleanupLock(provider, "table " + lockTable);
  }

  /**
   * An operating-system lock on a file in the session directory, for processes sharing it (see
   * {@link FileCleanupLockProvider}).
   */
  public static SessionCleanupLock file(Path directory, Clock clock) {
    FileCleanupLockProvider provider = new FileCleanupLockProvider(directory, clock);
    return new SessionCleanupLock(provider, provider.toString());
  }

  /** The lock table of a session table: its name plus {@code _lock}, in the same schema. */
  public static String lockTableName(String sessionTableName) {
    return sessionTableName + "_lock";
  }

  /**
   * Runs {@code cleanup} if the lock is free, holding it meanwhile.
   *
   * @return what {@code cleanup} returned, or empty when another instance holds the lock
   * @throws RuntimeException when the lock cannot be read or written (a missing lock table), or
   *     whatever {@code cleanup} threw
   */
  OptionalInt runIfFree(IntSupplier cleanup, Duration lockAtMostFor, Duration lockAtLeastFor) {
    LockingTaskExecutor lockingExecutor = executor;
    if (lockingExecutor == null) {
      return OptionalInt.of(cleanup.getAsInt());
    }
    LockConfiguration configuration =
        new LockConfiguration(Instant.now(), LOCK_NAME, lockAtMostFor, lockAtLeastFor);
    TaskResult<Integer> result;
    try {
      result = lockingExecutor.executeWithLock(cleanup::getAsInt, configuration);
    } catch (RuntimeException | Error ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new IllegalStateException("Cleanup failed", ex);
    }
    if (!result.wasExecuted()) {
      return OptionalInt.empty();
    }
    Integer removed = result.getResult();
    return OptionalInt.of(removed == null ? 0 : removed);
  }

  @Override
  public String toString() {
    return "SessionCleanupLock[" + description + "]";
  }
}
