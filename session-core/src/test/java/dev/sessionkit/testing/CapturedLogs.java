package dev.sessionkit.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one class logs during each test (through {@code System.Logger}, which goes to
 * java.util.logging), as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension final CapturedLogs logs = CapturedLogs.of(StorageSessionStore.class);
 * ...
 * assertThat(logs.records()).singleElement()...
 * }</pre>
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLogs(Logger logger) {
    this.logger = logger;
  }

  /** Captures what the logger named after {@code owner} logs. */
  public static CapturedLogs of(Class<?> owner) {
    return new CapturedLogs(Logger.getLogger(owner.getName()));
  }

  /** The records logged so far in this test. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Forgets the records logged so far. */
  public void clear() {
    records.clear();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    records.clear();
    logger.addHandler(capture);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.removeHandler(capture);
  }
}
