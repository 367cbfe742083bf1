package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.CapturedLogs;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;

/** Unreadable stored data is reported, but never with the session key or the data itself. */
class UnreadableSessionWarningTests {

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(StorageSessionStore.class);

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
    assertThat(logs.records())
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
