package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.engine.StorageSessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

/** Unreadable stored data is reported, but never with the session key or the data itself. */
class UnreadableSessionWarningTests {

  private final Logger logger = Logger.getLogger(StorageSessionStore.class.getName());
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

  @BeforeEach
  void captureWarnings() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    logger.removeHandler(capture);
  }

  @Test
  void unreadableDataLogsOneWarningWithoutTheKeyOrTheData() {
    Cache cache = SessionCaches.caffeine("warnings", 10, Clock.systemUTC());
    SessionStore store = new CacheSessionStore(cache);
    Session saved = store.newSession();
    saved.put("card", "4111111111111111");
    saved.save();
    String key = saved.getSessionKey();
    cache.put(key, Instant.now().plusSeconds(60) + "\n{\"card\": \"4111111111111111\", trunc");

    Session reopened = store.open(key);

    assertThat(reopened.keySet()).isEmpty();
    assertThat(records)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage())
                  .contains("could not be read")
                  .doesNotContain(key)
                  .doesNotContain("4111111111111111");
            });
  }
}
