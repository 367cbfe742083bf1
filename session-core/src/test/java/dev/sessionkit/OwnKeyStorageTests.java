package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the engine serves a storage that owns its key format (a cookie backend): the key is what the
 * storage returns for a record, it changes at every save, and nothing is kept server-side. The
 * storage here puts the record's text, base64-encoded, in the key.
 */
class OwnKeyStorageTests {

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingListener listener = new RecordingListener();
  private StorageSessionStore store;

  @BeforeEach
  void createStore() {
    store =
        new StorageSessionStore(
            new KeyHoldsRecordStorage(), SessionSettings.builder().clock(clock).build());
    store.addListener(listener);
  }

  @Test
  void savedSessionGetsTheKeyTheStorageReturnsAndLoadsFromIt() {
    Session session = store.newSession();
    session.put("cart", "book");
    session.save();

    String key = session.getSessionKey();
    assertThat(key).isNotNull().hasSizeGreaterThan(40);
    assertThat(store.open(key).get("cart")).isEqualTo("book");
    assertThat(listener.createdKeys()).containsExactly(key);
  }

  @Test
  void everySaveOfAChangedSessionYieldsANewKeyAndTheOldOneStillLoadsItsOwnData() {
    String first = saved("n", 1);
    Session session = store.open(first);
    session.put("n", 2);
    session.save();

    assertThat(session.getSessionKey()).isNotEqualTo(first);
    assertThat(store.open(session.getSessionKey()).get("n")).isEqualTo(2);
    assertThat(store.open(first).get("n")).isEqualTo(1);
    assertThat(listener.savedKeys()).containsExactly(session.getSessionKey());
  }

  @Test
  void aKeyThatHoldsNothingReadableOpensEmptyAndIsNotWrittenUnlessChanged() {
    Session garbage = store.open("not-a-record");
    assertThat(garbage.keySet()).isEmpty();
    garbage.save();
    assertThat(garbage.getSessionKey()).isNull();

    Session changed = store.open("not-a-record");
    changed.put("a", 1);
    changed.save();
    assertThat(store.open(changed.getSessionKey()).get("a")).isEqualTo(1);
  }

  @Test
  void anExpiredKeyOpensEmpty() {
    Session session = store.newSession();
    session.setExpiry(Duration.ofMinutes(5));
    session.put("a", 1);
    session.save();
    clock.advance(Duration.ofMinutes(6));

    assertThat(store.open(session.getSessionKey()).keySet()).isEmpty();
  }

  @Test
  void existsIsFalseAndDeleteTellsNoListenerAsInDjangosSignedCookies() {
    String key = saved("a", 1);

    assertThat(store.exists(key)).isFalse();
    store.delete(key);
    assertThat(listener.deletes()).isZero();
    assertThat(store.clearExpired()).isZero();
  }

  @Test
  void flushDropsTheKeyAndCycleKeyKeepsTheDataUnderANewKey() {
    Session session = store.open(saved("a", 1));
    String before = session.getSessionKey();
    session.cycleKey();
    assertThat(session.getSessionKey()).isNotEqualTo(before);
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);

    session.flush();
    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isEmpty()).isTrue();
  }

  private String saved(String key, Object value) {
    Session session = store.newSession();
    session.put(key, value);
    session.save();
    listener.reset();
    return session.getSessionKey();
  }

  /** Keeps nothing: the key is the record. */
  private static final class KeyHoldsRecordStorage implements SessionStorage {

    private int stored;

    @Override
    public String store(StoredRecord record) {
      stored++;
      String text = stored + "\n" + record.toText();
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public @Nullable StoredRecord load(String key) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(key), StandardCharsets.UTF_8);
        return StoredRecord.fromText(text.substring(text.indexOf('\n') + 1));
      } catch (IllegalArgumentException | UnreadableSessionDataException ex) {
        return null;
      }
    }

    @Override
    public boolean contains(String key, Instant now) {
      return false;
    }

    @Override
    public boolean insert(String key, StoredRecord record) {
      throw new AssertionError("the engine stores own-key records with store()");
    }

    @Override
    public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
      throw new AssertionError("the engine stores own-key records with store()");
    }

    @Override
    public boolean delete(String key) {
      return false;
    }

    @Override
    public int removeExpired(Instant now, Consumer<String> removed) {
      return 0;
    }

    @Override
    public StorageCapabilities capabilities() {
      return StorageCapabilities.builder().ownsKeyFormat(true).expiresRecordsItself(true).build();
    }

    @Override
    public String backend() {
      return "key-holds-record";
    }
  }
}
