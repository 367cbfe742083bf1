package dev.sessionkit.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.testing.CapturedLogs;
import dev.sessionkit.testing.FaultyStorage;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After an outage of the fast storage, no instance reads a copy of a session that was logged out
 * meanwhile: every copy whose delete failed is deleted once the fast storage answers again, however
 * many there are, and an instance that could not remember them all stops reading copies. During the
 * outage, a fast storage whose failures are slow is left alone, so requests do not each wait.
 */
class CachedDbOutageRecoveryTests {

  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(CachedDbSessionStorage.class);

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final SessionSettings settings = SessionSettings.builder().clock(clock).build();
  private final SessionStorage shared =
      CacheSessionStore.storage(SessionCaches.caffeine("copies", 10_000, clock));
  private final FaultyStorage outage = new FaultyStorage(shared, clock);

  @Test
  void everyCopyALogoutLeftDuringTheOutageIsDeletedOnceTheCacheAnswers() {
    StorageSessionStore instance = store(new CachedDbSessionStorage(durable(), outage, clock));
    StorageSessionStore other = store(new CachedDbSessionStorage(durable(), shared, clock));
    List<String> keys = loggedIn(instance, 2_500);
    outage.down = true;
    keys.forEach(instance::delete);
    outage.down = false;

    assertThat(instance.open(loggedIn(other, 1).get(0)).get("user")).isEqualTo("user");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(keys).noneMatch(key -> shared.load(key) != null));
    assertThat(keys).allMatch(key -> other.open(key).get("user") == null);
  }

  @Test
  void pastTheKeysItRemembersAnInstanceNeverReadsCopiesAgainAndSaysSo() {
    StorageSessionStore instance = store(new CachedDbSessionStorage(durable(), outage, clock, 10));
    List<String> keys = loggedIn(instance, 20);
    outage.down = true;
    keys.forEach(instance::delete);
    outage.down = false;

    assertThat(keys).allMatch(key -> instance.open(key).get("user") == null);
    assertThat(logs.records())
        .filteredOn(record -> record.getLevel() == Level.WARNING)
        .filteredOn(record -> record.getMessage().contains("only, until it restarts"))
        .singleElement()
        .satisfies(record -> assertThat(record.getMessage()).doesNotContain(keys.get(0)));
  }

  @Test
  void aCacheThatFailsSlowlyIsLeftAloneForASecondThenTriedAgain() {
    outage.slowness = Duration.ofMillis(100);
    StorageSessionStore instance = store(new CachedDbSessionStorage(durable(), outage, clock));
    String key = loggedIn(instance, 1).get(0);
    outage.down = true;
    int before = outage.calls.get();

    for (int i = 0; i < 20; i++) {
      assertThat(instance.open(key).get("user")).isEqualTo("user");
    }

    assertThat(outage.calls.get() - before).as("calls that waited for the failure").isOne();
    outage.down = false;
    clock.advance(Duration.ofMillis(999));
    assertThat(instance.open(key).get("user")).isEqualTo("user");
    assertThat(outage.calls.get() - before).as("within the second").isOne();
    clock.advance(Duration.ofMillis(1));
    assertThat(instance.open(key).get("user")).isEqualTo("user");
    int afterProbe = outage.calls.get();
    assertThat(afterProbe - before).as("the call that tries it again").isEqualTo(2);
    assertThat(instance.open(key).get("user")).isEqualTo("user");
    assertThat(outage.calls.get()).as("asked at every load again").isGreaterThan(afterProbe);
  }

  @Test
  void aCopyWhoseDeleteFailedJustBeforeTheCacheAnsweredAgainIsStillDeleted() {
    StorageSessionStore instance = store(new CachedDbSessionStorage(durable(), outage, clock));
    StorageSessionStore other = store(new CachedDbSessionStorage(durable(), shared, clock));
    String key = loggedIn(instance, 1).get(0);
    String unrelated = loggedIn(other, 1).get(0);
    assertThat(instance.open(key).get("user")).isEqualTo("user");
    outage.failNextDelete = true;
    // Another request reaches the cache in the moment between the failed delete and its key
    // being remembered: the warning about the failure is written in that moment.
    Logger logger = Logger.getLogger(CachedDbSessionStorage.class.getName());
    Handler recoveryInBetween =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getMessage().contains("could not delete")) {
              instance.open(unrelated).get("user");
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(recoveryInBetween);
    try {
      instance.delete(key);
    } finally {
      logger.removeHandler(recoveryInBetween);
    }

    assertThat(shared.load(key)).as("the copy of the logged-out session").isNull();
    assertThat(other.open(key).get("user")).as("on another instance").isNull();
  }

  private StorageSessionStore store(CachedDbSessionStorage storage) {
    return new StorageSessionStore(storage, settings);
  }

  private SessionStorage durable() {
    return JdbcSessionStore.storage(database.dataSource(), TestDatabase.TABLE, clock);
  }

  private static List<String> loggedIn(StorageSessionStore store, int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Session session = store.newSession();
      session.put("user", "user");
      session.save();
      keys.add(session.getSessionKey());
    }
    return keys;
  }
}
