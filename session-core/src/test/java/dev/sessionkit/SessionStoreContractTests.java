package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RecordingListener;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link SessionStore} and {@link Session} contract of {@code design.md}, which every backend
 * must pass unchanged. A backend's test class extends this one, says how to build its store and how
 * to reach its storage directly (to corrupt a record, or to see whether one is stored), and adds
 * the tests only that backend needs (such as its server being down).
 *
 * <p>Time is a {@link MutableClock} carried by the settings: tests move it instead of sleeping.
 * Every test gets a fresh clock, store and {@link RecordingListener}; the backend's storage is
 * empty when a test starts.
 */
abstract class SessionStoreContractTests {

  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  static final long DEFAULT_MAX_AGE_SECONDS = 1_209_600;
  static final String UNKNOWN_KEY = "unknownkey0123456789unknownkey01";
  static final String EXPIRY_KEY = "_session_expiry";
  static final String TEST_COOKIE_KEY = "testcookie";

  final MutableClock clock = MutableClock.at(START);
  final RecordingListener listener = new RecordingListener();
  SessionSettings settings;
  StorageSessionStore store;

  /** The store under test (for {@link ConcurrentSavesContract}). */
  public StorageSessionStore store() {
    return store;
  }

  /** The clock of the store under test (for {@link PrincipalIndexContract}). */
  public MutableClock clock() {
    return clock;
  }

  /** The listener registered on the store under test. */
  public RecordingListener listener() {
    return listener;
  }

  /** A store of the backend under test, following {@code settings}. */
  abstract StorageSessionStore createStore(SessionSettings settings);

  /**
   * Replaces the stored data of the live session under {@code sessionKey} with {@code rawData},
   * written straight to the backend (bypassing the store and its codec), so that the record stays
   * live but its data is whatever the test says.
   */
  abstract void corruptStoredData(String sessionKey, String rawData);

  /**
   * Whether the backend holds a record under {@code sessionKey}, expired or not, asked of the
   * storage directly.
   */
  abstract boolean isStored(String sessionKey);

  /**
   * Whether {@link SessionStore#clearExpired()} deletes expired records and counts them (database
   * and files); a cache expires its entries itself and answers 0.
   */
  boolean clearExpiredDeletesRecords() {
    return true;
  }

  @BeforeEach
  void setUpStore() {
    settings = SessionSettings.builder().clock(clock).build();
    store = createStore(settings);
    store.addListener(listener);
  }

  @Test
  void aSessionSavedAgainAfterItsCreationOrANewKeyMeetsNoConflict() {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    session.put("b", 2);
    session.save();
    session.cycleKey();
    session.put("c", 3);
    session.save();
    Session mustCreate = store.newSession();
    mustCreate.put("d", 4);
    mustCreate.save(true);
    mustCreate.put("e", 5);
    mustCreate.save();

    assertThat(listener.conflicts()).isZero();
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("a", "b", "c");
    assertThat(store.open(mustCreate.getSessionKey()).keySet()).containsExactly("d", "e");
  }

  /** Saves a new session holding {@code data} and returns its key; forgets what it observed. */
  String storedSession(Map<String, ?> data) {
    Session session = store.newSession();
    session.update(data);
    session.save();
    listener.reset();
    return session.getSessionKey();
  }

  /** A stored session holding {@code a = 1} and {@code b = "two"}, opened afresh. */
  Session storedSessionReopened() {
    return store.open(storedSession(Map.of("a", 1, "b", "two")));
  }

  // ---- a new session -----------------------------------------------------------------------

  @Test
  void newSessionHasNoKeyIsEmptyAndIsNeitherAccessedNorModified() {
    Session session = store.newSession();

    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isEmpty()).isTrue();
    assertThat(session.isAccessed()).isFalse();
    assertThat(session.isModified()).isFalse();
    assertThat(listener.loads()).isZero();
  }

  @Test
  void newSessionWhenReadIsAccessedButNotModifiedAndNeverGoesToTheBackend() {
    Session session = store.newSession();

    assertThat(session.get("a")).isNull();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
    assertThat(session.isEmpty()).isTrue();
    assertThat(listener.loads()).isZero();
  }

  @Test
  void isEmptyMeansNoKeyAndNoDataAndTouchesNoFlag() {
    Session fresh = store.newSession();
    Session withData = store.newSession();
    withData.put("a", 1);
    withData.setAccessed(false);
    withData.setModified(false);
    Session stored = storedSessionReopened();

    assertThat(fresh.isEmpty()).isTrue();
    assertThat(withData.isEmpty()).isFalse();
    assertThat(stored.isEmpty()).isFalse();
    assertThat(withData.isAccessed()).isFalse();
    assertThat(stored.isAccessed()).isFalse();
    assertThat(stored.isModified()).isFalse();
    assertThat(listener.loads()).isZero();
  }

  @Test
  void setAccessedAndSetModifiedOverrideTheFlags() {
    Session session = store.newSession();

    session.setAccessed(true);
    session.setModified(true);
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();

    session.setAccessed(false);
    session.setModified(false);
    assertThat(session.isAccessed()).isFalse();
    assertThat(session.isModified()).isFalse();
  }

  // ---- lazy loading ------------------------------------------------------------------------

  @Test
  void openDoesNoBackendIoUntilFirstAccessAndThenLoadsOnce() {
    String key = storedSession(Map.of("a", 1));

    Session session = store.open(key);
    assertThat(session.getSessionKey()).isEqualTo(key);
    assertThat(session.isAccessed()).isFalse();
    assertThat(listener.loads()).isZero();

    assertThat(session.get("a")).isEqualTo(1);
    assertThat(session.containsKey("b")).isFalse();
    assertThat(session.keySet()).containsExactly("a");
    assertThat(listener.loadsFound()).isEqualTo(1);
    assertThat(listener.loads()).isEqualTo(1);
  }

  @Test
  void openWhenRecordIsDeletedBeforeFirstAccessSeesNoDataAndSavesUnderANewKey() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);

    store.delete(key);

    assertThat(session.get("a")).isNull();
    session.put("b", 2);
    session.save();
    assertThat(session.getSessionKey()).isNotNull().isNotEqualTo(key);
    assertThat(isStored(key)).isFalse();
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("b");
  }

  // ---- reading -----------------------------------------------------------------------------

  @Test
  void getReturnsStoredValueAndMarksAccessedOnly() {
    Session session = storedSessionReopened();

    assertThat(session.get("a")).isEqualTo(1);

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void getWhenKeyAbsentReturnsNullAndMarksAccessedOnly() {
    Session session = storedSessionReopened();

    assertThat(session.get("missing")).isNull();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void getOrDefaultReturnsStoredValueEvenNullAndDefaultOnlyWhenKeyAbsent() {
    Session session = store.open(storedSession(mapOf("a", 1, "nothing", null)));

    assertThat(session.getOrDefault("a", 9)).isEqualTo(1);
    assertThat(session.getOrDefault("nothing", 9)).isNull();
    assertThat(session.getOrDefault("missing", 9)).isEqualTo(9);

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void typedGetConvertsStoredValueToRequestedTypeAndMarksAccessedOnly() {
    Session session = store.open(storedSession(Map.of("n", 7, "s", "text")));

    assertThat(session.get("n", Long.class)).isEqualTo(7L);
    assertThat(session.get("n", Integer.class)).isEqualTo(7);
    assertThat(session.get("s", String.class)).isEqualTo("text");
    assertThat(session.get("missing", String.class)).isNull();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void typedGetWhenStoredValueNoLongerConvertsReadsAsAbsentAndTellsTheListener() {
    Session session = store.open(storedSession(Map.of("s", "not a number", "n", 7)));

    assertThat(session.get("s", Integer.class)).isNull();
    assertThat(session.get("n", Integer.class)).isEqualTo(7);
    assertThat(session.get("s")).as("the raw value stays").isEqualTo("not a number");
    assertThat(listener.unconvertibleValues()).containsExactly("s as Integer");
  }

  @Test
  void computeSeesAValueThatNoLongerConvertsAsAbsent() {
    Session session = store.open(storedSession(Map.of("n", "not a number")));

    Integer result = session.compute("n", Integer.class, n -> n == null ? 1 : n + 1);
    session.save();

    assertThat(result).isEqualTo(1);
    assertThat(store.open(session.getSessionKey()).get("n")).isEqualTo(1);
  }

  @Test
  void containsKeyAnswersAndMarksAccessedOnly() {
    Session session = storedSessionReopened();

    assertThat(session.containsKey("a")).isTrue();
    assertThat(session.containsKey("missing")).isFalse();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void keySetValuesAndEntrySetShowTheDataAndMarkAccessedOnly() {
    Session session = storedSessionReopened();

    assertThat(session.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(session.values()).containsExactlyInAnyOrder(1, "two");
    assertThat(session.entrySet()).containsExactlyInAnyOrder(entry("a", 1), entry("b", "two"));

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void keySetValuesAndEntrySetAreUnmodifiable() {
    Session session = storedSessionReopened();
    Set<String> keys = session.keySet();
    var values = session.values();
    var entries = session.entrySet();

    assertThatThrownBy(() -> keys.add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> keys.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(values::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.iterator().next().setValue(5))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(entries::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(session.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void keySetValuesAndEntrySetAreSnapshotsThatLaterChangesDoNotAlter() {
    Session session = storedSessionReopened();
    Set<String> keys = session.keySet();
    var values = session.values();
    var entries = session.entrySet();

    session.put("c", 3);
    session.remove("a");

    assertThat(keys).containsExactlyInAnyOrder("a", "b");
    assertThat(values).containsExactlyInAnyOrder(1, "two");
    assertThat(entries).containsExactlyInAnyOrder(entry("a", 1), entry("b", "two"));
  }

  // ---- changing ----------------------------------------------------------------------------

  @Test
  void putStoresValueAndMarksAccessedAndModified() {
    Session session = storedSessionReopened();

    session.put("c", 3);

    assertThat(session.get("c")).isEqualTo(3);
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void putReplacesExistingValue() {
    Session session = storedSessionReopened();

    session.put("a", "replaced");

    assertThat(session.get("a")).isEqualTo("replaced");
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void removeWhenKeyPresentReturnsValueAndMarksModified() {
    Session session = storedSessionReopened();

    assertThat(session.remove("a")).isEqualTo(1);

    assertThat(session.containsKey("a")).isFalse();
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void removeWhenKeyAbsentReturnsNullAndLeavesModifiedFalse() {
    Session session = storedSessionReopened();

    assertThat(session.remove("missing")).isNull();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void popWhenKeyPresentReturnsValueRemovesItAndMarksModified() {
    Session session = storedSessionReopened();

    assertThat(session.pop("a")).isEqualTo(1);

    assertThat(session.containsKey("a")).isFalse();
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void popWhenKeyAbsentThrowsNoSuchElementExceptionAndLeavesModifiedFalse() {
    Session session = storedSessionReopened();

    assertThatThrownBy(() -> session.pop("missing")).isInstanceOf(NoSuchElementException.class);

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void popWithDefaultWhenKeyPresentReturnsStoredValueAndMarksModified() {
    Session session = storedSessionReopened();

    assertThat(session.pop("a", 9)).isEqualTo(1);

    assertThat(session.containsKey("a")).isFalse();
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void popWhenKeyAbsentReturnsDefaultAndLeavesModifiedFalse() {
    Session session = storedSessionReopened();

    assertThat(session.pop("missing", 9)).isEqualTo(9);

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void setDefaultWhenKeyAbsentStoresValueReturnsItAndMarksModified() {
    Session session = storedSessionReopened();

    assertThat(session.setDefault("c", 3)).isEqualTo(3);

    assertThat(session.get("c")).isEqualTo(3);
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void setDefaultWhenKeyPresentReturnsStoredValueAndLeavesModifiedFalse() {
    Session session = storedSessionReopened();

    assertThat(session.setDefault("a", 9)).isEqualTo(1);

    assertThat(session.get("a")).isEqualTo(1);
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void updateStoresEveryEntryAndMarksAccessedAndModified() {
    Session session = storedSessionReopened();

    session.update(Map.of("a", 10, "c", 3));

    assertThat(session.entrySet())
        .containsExactlyInAnyOrder(entry("a", 10), entry("b", "two"), entry("c", 3));
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void clearRemovesAllDataKeepsTheKeyAndMarksAccessedAndModified() {
    Session session = storedSessionReopened();
    String key = session.getSessionKey();

    session.clear();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
    assertThat(session.keySet()).isEmpty();
    session.save();
    assertThat(session.getSessionKey()).isEqualTo(key);
    assertThat(store.exists(key)).isTrue();
    assertThat(store.open(key).keySet()).isEmpty();
  }

  // ---- saving and reopening ----------------------------------------------------------------

  @Test
  void saveOfNewSessionAssignsAFreshKeyAndStoresTheData() {
    Session session = store.newSession();
    session.put("a", 1);

    session.save();

    String key = session.getSessionKey();
    assertThat(key).matches("[a-z0-9]{32}");
    assertThat(store.exists(key)).isTrue();
    assertThat(store.open(key).get("a")).isEqualTo(1);
  }

  @Test
  void savedChangesAndRemovalsAreSeenWhenReopened() {
    Session session = storedSessionReopened();
    String key = session.getSessionKey();

    session.put("a", 10);
    session.remove("b");
    session.put("c", List.of("x"));
    session.save();

    Session reopened = store.open(key);
    assertThat(reopened.entrySet())
        .containsExactlyInAnyOrder(entry("a", 10), entry("c", List.of("x")));
    assertThat(reopened.isModified()).isFalse();
  }

  @Test
  void saveKeepsDataAlreadyInTheSessionWhenOnlyOneKeyWasPut() {
    String key = storedSession(Map.of("a", 1, "b", "two"));
    Session session = store.open(key);

    session.put("c", 3);
    session.save();

    assertThat(store.open(key).entrySet())
        .containsExactlyInAnyOrder(entry("a", 1), entry("b", "two"), entry("c", 3));
  }

  @Test
  void saveOfUnchangedReopenedSessionKeepsItsData() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);

    session.save();

    assertThat(session.getSessionKey()).isEqualTo(key);
    assertThat(store.open(key).get("a")).isEqualTo(1);
  }

  @Test
  void saveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    assertThat(session.get("a")).isEqualTo(1);
    store.delete(key);
    session.put("b", 2);

    assertThatThrownBy(session::save).isInstanceOf(SessionInterruptedException.class);

    assertThat(store.exists(key)).isFalse();
    assertThat(isStored(key)).isFalse();
    assertThat(listener.saves()).isZero();
  }

  @Test
  void
      mustCreateSaveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt() {
    String key = storedSession(Map.of("user", "alice"));
    Session session = store.open(key);
    assertThat(session.get("user")).isEqualTo("alice");
    store.delete(key);

    assertThatThrownBy(() -> session.save(true)).isInstanceOf(SessionInterruptedException.class);

    assertThat(store.exists(key)).isFalse();
    assertThat(isStored(key)).isFalse();
  }

  @Test
  void saveOfUnchangedSessionWhoseRecordWasAlreadyGoneWritesNothing() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    store.delete(key);
    listener.reset();

    session.save();

    assertThat(session.getSessionKey()).isNull();
    assertThat(listener.creates()).isZero();
    assertThat(listener.saves()).isZero();
    assertThat(isStored(key)).isFalse();
  }

  @Test
  void saveOfChangedSessionWhoseRecordWasAlreadyGoneGetsAFreshKeyAndDoesNotResurrectTheOldOne() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    store.delete(key);

    session.put("b", 2);
    session.save();

    assertThat(session.getSessionKey()).isNotNull().isNotEqualTo(key);
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("b");
    assertThat(isStored(key)).isFalse();
  }

  @Test
  void saveWithMustCreateWhenKeyExistsThrowsSessionKeyExistsExceptionAndDoesNotOverwrite() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    session.put("a", 2);

    assertThatThrownBy(() -> session.save(true)).isInstanceOf(SessionKeyExistsException.class);

    assertThat(store.open(key).get("a")).isEqualTo(1);
  }

  @Test
  void saveWithMustCreateNeverStoresUnderAKeyTheClientChose() {
    String clientKey = "chosenbytheclient0000000000000000";
    Session session = store.open(clientKey);
    session.clear();
    session.put("a", 1);

    session.save(true);

    assertThat(session.getSessionKey()).isNotNull().isNotEqualTo(clientKey);
    assertThat(isStored(clientKey)).isFalse();
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  @Test
  void expiryAgeIsExactEvenWhenTheClockMovesBetweenReads() {
    MutableClock ticking = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    Clock tickingOnEveryRead =
        new Clock() {
          @Override
          public Instant instant() {
            ticking.advance(Duration.ofNanos(1_000));
            return ticking.instant();
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    Session session =
        createStore(SessionSettings.builder().clock(tickingOnEveryRead).build()).newSession();

    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofDays(14));
    session.setExpiry(Duration.ofMinutes(30));
    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void createStoresARecordUnderANewUniqueKey() {
    Session first = store.newSession();
    Session second = store.newSession();

    first.create();
    second.create();

    assertThat(first.getSessionKey()).matches("[a-z0-9]{32}");
    assertThat(second.getSessionKey()).matches("[a-z0-9]{32}").isNotEqualTo(first.getSessionKey());
    assertThat(store.exists(first.getSessionKey())).isTrue();
    assertThat(store.exists(second.getSessionKey())).isTrue();
    assertThat(first.isModified()).isTrue();
    assertThat(listener.creates()).isEqualTo(2);
  }

  @Test
  void keysOfSavedSessionsAreAllDifferent() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      keys.add(storedSession(Map.of("i", i)));
    }

    assertThat(keys).hasSize(20).allMatch(key -> key.matches("[a-z0-9]{32}"));
  }

  // ---- keys a client sends -----------------------------------------------------------------

  @Test
  void openWithUnknownKeyGivesEmptySessionThatGetsAFreshKeyOnSave() {
    Session session = store.open(UNKNOWN_KEY);

    assertThat(session.keySet()).isEmpty();
    session.put("a", 1);
    session.save();

    assertThat(session.getSessionKey()).matches("[a-z0-9]{32}").isNotEqualTo(UNKNOWN_KEY);
    assertThat(store.exists(UNKNOWN_KEY)).isFalse();
    assertThat(isStored(UNKNOWN_KEY)).isFalse();
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "short",
        "UPPERCASEKEY0123456789ABCDEFGHIJ",
        "../../../../etc/passwd",
        "abcdefgh/../ijklmnop",
        "abc\\def0123456",
        "key with spaces 0123",
        "abcdefghijklmnopqrstuvwxyz0123456789abcde",
        "sessionkit-abcdefgh1234",
        "abcdefgh\u00e9"
      })
  void openWithMalformedOrNullKeyGivesEmptySessionThatGetsAFreshKeyOnSave(String malformedKey) {
    Session session = store.open(malformedKey);

    assertThat(session.keySet()).isEmpty();
    session.put("a", 1);
    session.save();

    assertThat(session.getSessionKey()).matches("[a-z0-9]{32}").isNotEqualTo(malformedKey);
    assertThat(store.exists(malformedKey)).isFalse();
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  @Test
  void openWithExpiredKeyGivesEmptySessionThatGetsAFreshKeyOnSave() {
    String key = storedSession(Map.of("a", 1));
    clock.advance(Duration.ofDays(15));
    Session session = store.open(key);

    assertThat(session.get("a")).isNull();
    session.put("b", 2);
    session.save();

    assertThat(session.getSessionKey()).matches("[a-z0-9]{32}").isNotEqualTo(key);
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("b");
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void loadingAMissingKeyCreatesNoRecord() {
    Session session = store.open(UNKNOWN_KEY);

    assertThat(session.get("a")).isNull();
    assertThat(session.keySet()).isEmpty();

    assertThat(isStored(UNKNOWN_KEY)).isFalse();
    assertThat(store.exists(UNKNOWN_KEY)).isFalse();
    assertThat(listener.loadsMissing()).isEqualTo(1);
    assertThat(listener.creates()).isZero();
  }

  // ---- exists and delete -------------------------------------------------------------------

  @Test
  void existsIsTrueForAStoredSessionAndFalseForUnknownNullAndMalformedKeys() {
    String key = storedSession(Map.of("a", 1));

    assertThat(store.exists(key)).isTrue();
    assertThat(store.exists(UNKNOWN_KEY)).isFalse();
    assertThat(store.exists(null)).isFalse();
    assertThat(store.exists("")).isFalse();
    assertThat(store.exists("../" + key)).isFalse();
    assertThat(store.exists(key.toUpperCase())).isFalse();
    assertThat(store.newSession().exists(key)).isTrue();
  }

  @Test
  void deleteRemovesTheRecord() {
    String key = storedSession(Map.of("a", 1));

    store.delete(key);

    assertThat(store.exists(key)).isFalse();
    assertThat(isStored(key)).isFalse();
    assertThat(store.open(key).keySet()).isEmpty();
  }

  @Test
  void deleteOfUnknownNullOrMalformedKeyDoesNothing() {
    String key = storedSession(Map.of("a", 1));

    assertThatNoException()
        .isThrownBy(
            () -> {
              store.delete(UNKNOWN_KEY);
              store.delete(null);
              store.delete("");
              store.delete("../" + key);
              store.delete(key.toUpperCase());
            });

    assertThat(store.exists(key)).isTrue();
  }

  @Test
  void sessionDeleteRemovesItsOwnRecordAndDeleteWithKeyRemovesAnother() {
    String own = storedSession(Map.of("a", 1));
    String other = storedSession(Map.of("b", 2));
    Session session = store.open(own);

    session.delete();
    assertThat(store.exists(own)).isFalse();
    assertThat(store.exists(other)).isTrue();

    session.delete(other);
    assertThat(store.exists(other)).isFalse();
  }

  // ---- flush and cycleKey ------------------------------------------------------------------

  @Test
  void flushClearsTheDataDeletesTheRecordDropsTheKeyAndMarksAccessedAndModified() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);

    session.flush();

    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
    assertThat(session.isEmpty()).isTrue();
    assertThat(store.exists(key)).isFalse();
    assertThat(isStored(key)).isFalse();
    assertThat(session.keySet()).isEmpty();
  }

  @Test
  void flushedSessionSavedAgainGetsANewKeyWithoutTheOldData() {
    String key = storedSession(Map.of("a", 1));
    Session session = store.open(key);
    session.flush();

    session.put("b", 2);
    session.save();

    assertThat(session.getSessionKey()).isNotNull().isNotEqualTo(key);
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("b");
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void flushOfUnsavedSessionLeavesItEmptyWithoutAKey() {
    Session session = store.newSession();
    session.put("a", 1);

    session.flush();

    assertThat(session.getSessionKey()).isNull();
    assertThat(session.isEmpty()).isTrue();
    assertThat(listener.creates()).isZero();
  }

  @Test
  void cycleKeyKeepsTheDataUnderANewKeyDeletesTheOldRecordAndMarksAccessedAndModified() {
    String oldKey = storedSession(Map.of("a", 1, "b", "two"));
    Session session = store.open(oldKey);

    session.cycleKey();

    String newKey = session.getSessionKey();
    assertThat(newKey).matches("[a-z0-9]{32}").isNotEqualTo(oldKey);
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
    assertThat(store.exists(oldKey)).isFalse();
    assertThat(isStored(oldKey)).isFalse();
    assertThat(session.entrySet()).containsExactlyInAnyOrder(entry("a", 1), entry("b", "two"));

    session.save();
    assertThat(store.open(newKey).entrySet())
        .containsExactlyInAnyOrder(entry("a", 1), entry("b", "two"));
    assertThat(store.exists(oldKey)).isFalse();
  }

  @Test
  void cycleKeyOfNewSessionGivesItAKeyAndKeepsTheData() {
    Session session = store.newSession();
    session.put("a", 1);

    session.cycleKey();
    session.save();

    assertThat(session.getSessionKey()).matches("[a-z0-9]{32}");
    assertThat(store.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  // ---- expiry ------------------------------------------------------------------------------

  @Test
  void defaultExpiryAgeIsExactlyFourteenDays() {
    Session session = store.newSession();

    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofSeconds(DEFAULT_MAX_AGE_SECONDS));
    assertThat(session.getExpiryDate()).isEqualTo(START.plusSeconds(DEFAULT_MAX_AGE_SECONDS));
    assertThat(session.getExpireAtBrowserClose()).isFalse();
  }

  @Test
  void defaultExpiryAgeOfReopenedSessionIsExactlyFourteenDaysFromNow() {
    String key = storedSession(Map.of("a", 1));
    clock.advance(Duration.ofDays(1));
    Session session = store.open(key);

    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
    assertThat(session.getExpireAtBrowserClose()).isFalse();
  }

  @Test
  void expiryGettersMarkAccessedOnly() {
    Session session = storedSessionReopened();

    session.getExpiryAge();
    session.getExpiryDate();
    session.getExpireAtBrowserClose();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void setExpiryWithDurationSetsTheAgeKeepsItInTheDataAndMarksModified() {
    Session session = storedSessionReopened();

    session.setExpiry(Duration.ofMinutes(30));

    assertThat(session.isModified()).isTrue();
    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(session.getExpiryDate()).isEqualTo(START.plus(Duration.ofMinutes(30)));
    assertThat(session.getExpireAtBrowserClose()).isFalse();
    assertThat(session.keySet()).contains(EXPIRY_KEY);
    session.save();
    assertThat(store.open(session.getSessionKey()).getExpiryAge())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void sessionWithDurationExpiryLivesThatLongAfterItsLastSave() {
    Session session = store.newSession();
    session.setExpiry(Duration.ofMinutes(30));
    session.put("a", 1);
    session.save();
    String key = session.getSessionKey();

    clock.advance(Duration.ofMinutes(29));
    assertThat(store.exists(key)).isTrue();
    Session later = store.open(key);
    assertThat(later.get("a")).isEqualTo(1);
    later.save();

    clock.advance(Duration.ofMinutes(29));
    assertThat(store.exists(key)).isTrue();

    clock.advance(Duration.ofMinutes(2));
    assertThat(store.exists(key)).isFalse();
    assertThat(store.open(key).get("a")).isNull();
  }

  @Test
  void setExpiryWithInstantSetsTheExpiryDateAndMarksModified() {
    Instant at = START.plus(Duration.ofHours(3));
    Session session = storedSessionReopened();

    session.setExpiry(at);

    assertThat(session.isModified()).isTrue();
    assertThat(session.getExpiryDate()).isEqualTo(at);
    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofHours(3));
    assertThat(session.keySet()).contains(EXPIRY_KEY);
    session.save();
    String key = session.getSessionKey();
    assertThat(store.open(key).getExpiryDate()).isEqualTo(at);

    clock.advance(Duration.ofHours(1));
    assertThat(store.open(key).getExpiryAge()).isEqualTo(Duration.ofHours(2));
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(store.exists(key)).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.exists(key)).isFalse();
    assertThat(store.open(key).get("a")).isNull();
  }

  @Test
  void setExpiryWithInstantInThePastEndsTheSessionWhenSaved() {
    Session session = store.newSession();
    session.put("a", 1);
    session.setExpiry(START.minusSeconds(1));

    session.save();

    assertThat(store.exists(session.getSessionKey())).isFalse();
    assertThat(store.open(session.getSessionKey()).get("a")).isNull();
  }

  @Test
  void setExpiryAtBrowserCloseEndsTheCookieButTheServerKeepsTheDefaultAge() {
    Session session = storedSessionReopened();
    String key = session.getSessionKey();

    session.setExpiryAtBrowserClose();

    assertThat(session.isModified()).isTrue();
    assertThat(session.getExpireAtBrowserClose()).isTrue();
    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
    assertThat(session.keySet()).contains(EXPIRY_KEY);
    session.save();
    assertThat(store.open(key).getExpireAtBrowserClose()).isTrue();

    clock.advance(Duration.ofSeconds(DEFAULT_MAX_AGE_SECONDS - 1));
    assertThat(store.exists(key)).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void clearExpiryReturnsToTheDefaultAndMarksModifiedWhenItRemovedOne() {
    Session session = store.newSession();
    session.setExpiry(Duration.ofMinutes(5));
    session.setModified(false);

    session.clearExpiry();

    assertThat(session.isModified()).isTrue();
    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
    assertThat(session.keySet()).doesNotContain(EXPIRY_KEY);
  }

  @Test
  void clearExpiryAfterBrowserCloseExpiryPersistsTheDefault() {
    Session session = store.newSession();
    session.setExpiryAtBrowserClose();
    session.save();
    Session reopened = store.open(session.getSessionKey());

    reopened.clearExpiry();
    reopened.save();

    Session again = store.open(session.getSessionKey());
    assertThat(again.getExpireAtBrowserClose()).isFalse();
    assertThat(again.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
  }

  @Test
  void clearExpiryWithoutACustomExpiryLeavesModifiedFalse() {
    Session session = storedSessionReopened();

    session.clearExpiry();

    assertThat(session.isModified()).isFalse();
    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);
  }

  @Test
  void setExpiryWithZeroOrNegativeDurationThrowsIllegalArgumentExceptionAndChangesNothing() {
    Session session = storedSessionReopened();

    assertThatIllegalArgumentException().isThrownBy(() -> session.setExpiry(Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> session.setExpiry(Duration.ofSeconds(-1)));

    assertThat(session.isModified()).isFalse();
    assertThat(session.containsKey(EXPIRY_KEY)).isFalse();
  }

  @Test
  void sessionPastTheDefaultExpiryIsNotLoadedAndDoesNotExist() {
    String key = storedSession(Map.of("a", 1));

    clock.advance(Duration.ofSeconds(DEFAULT_MAX_AGE_SECONDS - 1));
    assertThat(store.exists(key)).isTrue();
    clock.advance(Duration.ofSeconds(2));

    assertThat(store.exists(key)).isFalse();
    Session session = store.open(key);
    assertThat(session.get("a")).isNull();
    assertThat(session.keySet()).isEmpty();
    assertThat(listener.loadsFound()).isZero();
  }

  @Test
  void maxAgeFromTheSettingsSetsTheDefaultExpiry() {
    StorageSessionStore hourly =
        createStore(settings.toBuilder().maxAge(Duration.ofHours(1)).build());
    Session session = hourly.newSession();
    session.put("a", 1);

    assertThat(session.getExpiryAge()).isEqualTo(Duration.ofHours(1));
    session.save();
    String key = session.getSessionKey();

    clock.advance(Duration.ofMinutes(59));
    assertThat(hourly.exists(key)).isTrue();
    clock.advance(Duration.ofMinutes(2));
    assertThat(hourly.exists(key)).isFalse();
  }

  @Test
  void loggedInSessionSetNeverToExpireIsSavedAndSavedAgain() {
    Session session = store.newSession();
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, "alice");
    session.setExpiry(Instant.MAX);
    session.save();

    Session reopened = store.open(session.getSessionKey());
    reopened.put("n", 1);
    reopened.save();

    Session again = store.open(reopened.getSessionKey());
    assertThat(again.get(PrincipalSessions.PRINCIPAL_NAME_KEY)).isEqualTo("alice");
    assertThat(again.get("n")).isEqualTo(1);
    assertThat(again.getExpiryDate()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
  }

  @Test
  void storeWithTheLargestSizeLimitSavesAndLoads() {
    StorageSessionStore unlimited =
        createStore(settings.toBuilder().maxSize(Integer.MAX_VALUE).build());
    Session session = unlimited.newSession();
    session.put("a", 1);
    session.save();

    assertThat(unlimited.open(session.getSessionKey()).get("a")).isEqualTo(1);
  }

  @Test
  void sessionNearTheMaximumSizeWithAPrincipalNameTooLongToIndexLoadsWhole() {
    StorageSessionStore small = createStore(settings.toBuilder().maxSize(2048).build());
    Session session = small.newSession();
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, "u".repeat(900));
    session.put("pad", "x".repeat(1050));
    session.save();

    Session reopened = small.open(session.getSessionKey());

    assertThat(reopened.get(PrincipalSessions.PRINCIPAL_NAME_KEY)).isEqualTo("u".repeat(900));
    assertThat(reopened.get("pad")).isEqualTo("x".repeat(1050));
  }

  @Test
  void expireAtBrowserCloseFromTheSettingsAppliesToSessionsWithoutTheirOwnExpiry() {
    StorageSessionStore browserClose =
        createStore(settings.toBuilder().expireAtBrowserClose(true).build());

    Session session = browserClose.newSession();
    assertThat(session.getExpireAtBrowserClose()).isTrue();
    assertThat(session.getExpiryAge().getSeconds()).isEqualTo(DEFAULT_MAX_AGE_SECONDS);

    session.setExpiry(Duration.ofHours(1));
    assertThat(session.getExpireAtBrowserClose()).isFalse();
  }

  // ---- clearExpired ------------------------------------------------------------------------

  @Test
  void clearExpiredRemovesExpiredRecordsAndKeepsLiveOnes() {
    String live = storedSession(Map.of("live", true));
    Session inAnHour = store.newSession();
    inAnHour.setExpiry(Duration.ofHours(1));
    inAnHour.save();
    String expiresInAnHour = inAnHour.getSessionKey();
    Session atTwo = store.newSession();
    atTwo.setExpiry(START.plus(Duration.ofHours(2)));
    atTwo.save();
    String expiresAtTwo = atTwo.getSessionKey();
    clock.advance(Duration.ofHours(3));

    int removed = store.clearExpired();

    assertThat(removed).isEqualTo(clearExpiredDeletesRecords() ? 2 : 0);
    assertThat(store.exists(live)).isTrue();
    assertThat(store.open(live).get("live")).isEqualTo(true);
    assertThat(store.exists(expiresInAnHour)).isFalse();
    assertThat(store.exists(expiresAtTwo)).isFalse();
    assertThat(isStored(expiresInAnHour)).isEqualTo(!clearExpiredDeletesRecords());
    assertThat(isStored(expiresAtTwo)).isEqualTo(!clearExpiredDeletesRecords());
  }

  @Test
  void clearExpiredWithNothingExpiredRemovesNothing() {
    String first = storedSession(Map.of("a", 1));
    String second = storedSession(Map.of("b", 2));

    assertThat(store.clearExpired()).isZero();

    assertThat(store.exists(first)).isTrue();
    assertThat(store.exists(second)).isTrue();
  }

  // ---- values ------------------------------------------------------------------------------

  @Test
  void valuesOfEveryJsonShapeRoundTripAsJsonsNaturalJavaTypes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("string", "héllo wörld ✓ 😀 \"quoted\" \n newline");
    values.put("emptyString", "");
    values.put("integer", 42);
    values.put("negative", -7);
    values.put("long", 3_000_000_000L);
    values.put("huge", new BigInteger("123456789012345678901234567890"));
    values.put("double", 2.5);
    values.put("true", true);
    values.put("false", false);
    values.put("null", null);
    values.put("list", Arrays.asList(1, "two", null, false));
    values.put("emptyList", List.of());
    values.put("map", Map.of("x", 1));
    values.put("emptyMap", Map.of());
    values.put("nested", Map.of("list", List.of(Map.of("deep", List.of(1, 2)), "end")));
    String key = storedSession(values);

    Session session = store.open(key);

    assertThat(session.get("string")).isInstanceOf(String.class).isEqualTo(values.get("string"));
    assertThat(session.get("emptyString")).isEqualTo("");
    assertThat(session.get("integer")).isInstanceOf(Integer.class).isEqualTo(42);
    assertThat(session.get("negative")).isInstanceOf(Integer.class).isEqualTo(-7);
    assertThat(session.get("long")).isInstanceOf(Long.class).isEqualTo(3_000_000_000L);
    assertThat(session.get("huge"))
        .isInstanceOf(BigInteger.class)
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(session.get("double")).isInstanceOf(Double.class).isEqualTo(2.5);
    assertThat(session.get("true")).isEqualTo(Boolean.TRUE);
    assertThat(session.get("false")).isEqualTo(Boolean.FALSE);
    assertThat(session.containsKey("null")).isTrue();
    assertThat(session.get("null")).isNull();
    assertThat(session.get("list"))
        .isInstanceOf(List.class)
        .isEqualTo(Arrays.asList(1, "two", null, false));
    assertThat(session.get("emptyList")).isEqualTo(List.of());
    assertThat(session.get("map")).isInstanceOf(Map.class).isEqualTo(Map.of("x", 1));
    assertThat(session.get("emptyMap")).isEqualTo(Map.of());
    assertThat(session.get("nested"))
        .isEqualTo(Map.of("list", List.of(Map.of("deep", List.of(1, 2)), "end")));
    assertThat(session.keySet()).containsExactlyInAnyOrderElementsOf(values.keySet());
  }

  @Test
  void smallLongComesBackAsIntegerAndTypedGetTurnsItBackIntoALong() {
    Session session = store.open(storedSession(Map.of("small", 7L)));

    assertThat(session.get("small")).isInstanceOf(Integer.class).isEqualTo(7);
    assertThat(session.get("small", Long.class)).isEqualTo(7L);
  }

  @Test
  void recordComesBackAsAMapAndTypedGetTurnsItBackIntoTheRecord() {
    Cart cart = new Cart("ada", List.of("book", "pen"), 2, new Address("Main St", 12));
    String key = storedSession(Map.of("cart", cart));

    Session session = store.open(key);

    assertThat(session.get("cart"))
        .isInstanceOf(Map.class)
        .isEqualTo(
            Map.of(
                "owner",
                "ada",
                "items",
                List.of("book", "pen"),
                "count",
                2,
                "address",
                Map.of("street", "Main St", "number", 12)));
    assertThat(session.get("cart", Cart.class)).isEqualTo(cart);
  }

  @Test
  void typedGetOfAValueNotYetSavedReturnsIt() {
    Cart cart = new Cart("ada", List.of(), 0, new Address("Main St", 12));
    Session session = store.newSession();

    session.put("cart", cart);

    assertThat(session.get("cart", Cart.class)).isEqualTo(cart);
  }

  record Cart(String owner, List<String> items, int count, Address address) {}

  record Address(String street, int number) {}

  // ---- unreadable stored data --------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "{\"a\": 1, \"b\": [1, 2",
        "[1, 2, 3]",
        "\"a string\"",
        "42",
        "null",
        "",
        "{\"a\": 1}}}"
      })
  void corruptedStoredDataLoadsAsAnEmptySessionAndNeverThrows(String rawData) {
    String key = storedSession(Map.of("a", 1));
    corruptStoredData(key, rawData);
    Session session = store.open(key);

    assertThatNoException().isThrownBy(() -> session.get("a"));
    assertThat(session.get("a")).isNull();
    assertThat(session.keySet()).isEmpty();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void corruptedStoredDataIsReplacedWhenTheSessionIsSaved() {
    String key = storedSession(Map.of("a", 1));
    corruptStoredData(key, "{not json");
    Session session = store.open(key);

    session.put("b", 2);
    session.save();

    String savedKey = session.getSessionKey();
    assertThat(store.open(savedKey).entrySet()).containsExactly(entry("b", 2));
  }

  // ---- test cookie -------------------------------------------------------------------------

  @Test
  void testCookieWorkedIsFalseOnANewSession() {
    Session session = store.newSession();

    assertThat(session.testCookieWorked()).isFalse();
    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isFalse();
  }

  @Test
  void setTestCookieMarksModifiedAndWorksOnTheNextRequest() {
    Session session = store.newSession();

    session.setTestCookie();

    assertThat(session.isModified()).isTrue();
    assertThat(session.keySet()).contains(TEST_COOKIE_KEY);
    assertThat(session.testCookieWorked()).isTrue();
    session.save();
    Session nextRequest = store.open(session.getSessionKey());
    assertThat(nextRequest.testCookieWorked()).isTrue();
    assertThat(nextRequest.isModified()).isFalse();
  }

  @Test
  void deleteTestCookieRemovesItAndMarksModified() {
    Session setter = store.newSession();
    setter.setTestCookie();
    setter.save();
    Session session = store.open(setter.getSessionKey());

    session.deleteTestCookie();

    assertThat(session.isModified()).isTrue();
    assertThat(session.testCookieWorked()).isFalse();
    assertThat(session.keySet()).doesNotContain(TEST_COOKIE_KEY);
  }

  @Test
  void deleteTestCookieWithoutOneDoesNothing() {
    Session session = storedSessionReopened();

    assertThatNoException().isThrownBy(session::deleteTestCookie);

    assertThat(session.isModified()).isFalse();
    assertThat(session.keySet()).containsExactlyInAnyOrder("a", "b");
  }

  // ---- listener ----------------------------------------------------------------------------

  @Test
  void listenerHearsEveryCreateLoadSaveAndDelete() {
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    assertThat(listener.creates()).isEqualTo(1);
    assertThat(listener.saves()).isZero();
    String key = session.getSessionKey();

    Session reopened = store.open(key);
    reopened.put("b", 2);
    reopened.save();
    assertThat(listener.loadsFound()).isEqualTo(1);
    assertThat(listener.saves()).isEqualTo(1);

    store.delete(key);
    assertThat(listener.deletes()).isEqualTo(1);

    store.open(key).get("a");
    assertThat(listener.loadsMissing()).isEqualTo(1);
    assertThat(listener.creates()).isEqualTo(1);
    assertThat(listener.failedOperations()).isEmpty();
  }

  // ---- concurrent saves merge (sequential interleavings; the parallel ones are in
  // ConcurrentSavesContract, for the backends that compare and set) -------------------------

  @Test
  void savesOfDifferentKeysByTwoRequestsBothSurvive() {
    String key = storedSession(Map.of("a", 1));
    Session first = store.open(key);
    Session second = store.open(key);
    first.get("a");
    second.get("a");

    first.put("b", 2);
    first.save();
    second.put("c", 3);
    second.save();

    assertThat(store.open(key).entrySet())
        .containsExactlyInAnyOrder(entry("a", 1), entry("b", 2), entry("c", 3));
    assertThat(listener.conflicts()).isEqualTo(1);
  }

  @Test
  void putOfTheSameKeyByTwoRequestsLeavesTheLaterSave() {
    String key = storedSession(Map.of("k", "original"));
    Session first = store.open(key);
    Session second = store.open(key);
    first.get("k");
    second.get("k");

    first.put("k", "first");
    first.save();
    second.put("k", "second");
    second.save();

    assertThat(store.open(key).get("k")).isEqualTo("second");
  }

  @Test
  void removeOfOneKeyAndPutOfAnotherByTwoRequestsBothTakeEffect() {
    String key = storedSession(Map.of("a", 1, "b", 2));
    Session remover = store.open(key);
    Session putter = store.open(key);
    remover.get("a");
    putter.get("a");

    remover.remove("a");
    remover.save();
    putter.put("c", 3);
    putter.save();

    assertThat(store.open(key).entrySet()).containsExactlyInAnyOrder(entry("b", 2), entry("c", 3));
  }

  @Test
  void computeByTwoRequestsIsAppliedAgainToTheStoredValue() {
    String key = storedSession(Map.of("n", 5));
    Session first = store.open(key);
    Session second = store.open(key);

    assertThat(first.compute("n", Integer.class, n -> n + 1)).isEqualTo(6);
    assertThat(second.compute("n", Integer.class, n -> n + 1)).isEqualTo(6);
    first.save();
    second.save();

    assertThat(store.open(key).get("n")).isEqualTo(7);
  }

  @Test
  void computeReturningNullRemovesTheKeyAndMarksAccessedAndModified() {
    Session session = store.open(storedSession(Map.of("n", 5, "m", 1)));

    assertThat(session.compute("n", Integer.class, n -> null)).isNull();

    assertThat(session.isAccessed()).isTrue();
    assertThat(session.isModified()).isTrue();
    session.save();
    assertThat(store.open(session.getSessionKey()).keySet()).containsExactly("m");
  }

  @Test
  void clearDiscardsWhatAnotherRequestSavedBeforeItButKeepsWhatItPutAfter() {
    String key = storedSession(Map.of("a", 1));
    Session clearer = store.open(key);
    Session other = store.open(key);
    clearer.get("a");
    other.get("a");

    other.put("b", 2);
    other.save();
    clearer.clear();
    clearer.put("c", 3);
    clearer.save();

    assertThat(store.open(key).entrySet()).containsExactly(entry("c", 3));
  }

  @Test
  void expiryChangedByOneRequestSurvivesAnotherRequestsSave() {
    String key = storedSession(Map.of("a", 1));
    Session expiring = store.open(key);
    Session other = store.open(key);
    expiring.get("a");
    other.get("a");

    expiring.setExpiry(Duration.ofMinutes(5));
    expiring.save();
    other.put("b", 2);
    other.save();

    Session reopened = store.open(key);
    assertThat(reopened.getExpiryAge()).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(6));
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void mergeNeverRecreatesARecordDeletedByAnotherRequest() {
    String key = storedSession(Map.of("a", 1));
    Session saver = store.open(key);
    saver.get("a");
    Session other = store.open(key);
    other.put("b", 2);
    other.save();
    store.delete(key);

    saver.put("c", 3);

    assertThatThrownBy(saver::save).isInstanceOf(SessionInterruptedException.class);
    assertThat(isStored(key)).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void valueChangedInPlaceSurvivesAMergeWithAnotherRequestsSave() {
    String key = storedSession(Map.of("cart", List.of("book")));
    Session inPlace = store.open(key);
    Session other = store.open(key);
    List<Object> cart = (List<Object>) inPlace.get("cart");
    other.get("cart");

    other.put("user", "ada");
    other.save();
    cart.add("pen");
    inPlace.setModified(true);
    inPlace.save();

    Session reopened = store.open(key);
    assertThat(reopened.get("cart")).isEqualTo(List.of("book", "pen"));
    assertThat(reopened.get("user")).isEqualTo("ada");
  }

  @Test
  @SuppressWarnings("unchecked")
  void putThenComputeThatChangesItsArgumentInPlaceIsAppliedOnceWhenMerged() {
    String key = storedSession(Map.of("n", 0));
    Session inPlace = store.open(key);
    Session other = store.open(key);
    inPlace.get("n");
    other.put("user", "ada");
    other.save();

    inPlace.put("cart", new ArrayList<>(List.of("book")));
    inPlace.compute(
        "cart",
        List.class,
        cart -> {
          cart.add("pen");
          return cart;
        });
    inPlace.save();

    Session reopened = store.open(key);
    assertThat(reopened.get("cart")).isEqualTo(List.of("book", "pen"));
    assertThat(reopened.get("user")).isEqualTo("ada");
  }

  @Test
  void setDefaultByTwoRequestsKeepsTheValueSavedFirst() {
    String key = storedSession(Map.of("a", 1));
    Session first = store.open(key);
    Session second = store.open(key);

    assertThat(first.setDefault("token", "first")).isEqualTo("first");
    assertThat(second.setDefault("token", "second")).isEqualTo("second");
    first.save();
    second.save();

    assertThat(store.open(key).get("token")).isEqualTo("first");
  }

  @Test
  void clearedSessionWhoseRecordWasAlreadyGoneWritesNothing() {
    String key = storedSession(Map.of("a", 1));
    store.delete(key);
    listener.reset();
    Session session = store.open(key);

    session.clear();
    session.save();

    assertThat(session.getSessionKey()).isNull();
    assertThat(listener.creates()).isZero();
  }

  @Test
  void sessionOverTheMaximumSizeFailsToSaveNamingSizeAndLimitAndWritesNothing() {
    store = createStore(settings.toBuilder().maxSize(2048).build());
    Session stored = store.newSession();
    stored.put("small", "x");
    stored.save();
    String key = stored.getSessionKey();
    // data that no codec compresses below the limit (a compressing one, Django's, shrinks "yyy...")
    String big = incompressible(3000);
    Session growing = store.open(key);
    growing.put("big", big);
    Session fresh = store.newSession();
    fresh.put("big", big);
    int encodedBytes = store.settings().codec().encode(Map.of("small", "x", "big", big)).length();

    assertThatThrownBy(growing::save)
        .isInstanceOf(SessionTooLargeException.class)
        .hasMessageContaining(encodedBytes + " bytes")
        .hasMessageContaining("2048 bytes");
    assertThatThrownBy(fresh::save).isInstanceOf(SessionTooLargeException.class);
    assertThat(fresh.getSessionKey()).isNull();
    assertThat(store.open(key).keySet()).containsExactly("small");
  }

  /**
   * {@code length} characters of base64's alphabet, the same in every run, that zlib barely
   * shrinks.
   */
  private static String incompressible(int length) {
    Random random = new Random(length);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  // ---- listeners ---------------------------------------------------------------------------

  @Test
  void listenersHearExactlyOneEventPerCreateSaveAndDelete() {
    RecordingListener second = new RecordingListener();
    store.addListener(second);
    Session session = store.newSession();
    session.put("a", 1);
    session.save();
    String firstKey = session.getSessionKey();
    session.put("b", 2);
    session.save();
    session.cycleKey();
    String secondKey = session.getSessionKey();
    session.flush();

    for (RecordingListener heard : List.of(listener, second)) {
      assertThat(heard.createdKeys()).containsExactly(firstKey, secondKey);
      assertThat(heard.savedKeys()).containsExactly(firstKey);
      assertThat(heard.deletedKeys()).containsExactly(firstKey, secondKey);
    }
  }

  @Test
  void deleteOfAKeyWithoutARecordTellsNoListener() {
    String key = storedSession(Map.of("a", 1));
    store.delete(key);
    listener.reset();

    store.delete(key);
    store.delete(UNKNOWN_KEY);
    store.open(UNKNOWN_KEY).flush();

    assertThat(listener.deletes()).isZero();
  }

  @Test
  void aListenerThatThrowsDoesNotFailTheOperationOrSilenceTheOthers() {
    store.addListener(
        new SessionListener() {
          @Override
          public void created(String sessionKey, Duration latency) {
            throw new IllegalStateException("broken listener");
          }
        });
    RecordingListener after = new RecordingListener();
    store.addListener(after);
    Session session = store.newSession();
    session.put("a", 1);

    assertThatNoException().isThrownBy(session::save);
    assertThat(after.creates()).isEqualTo(1);
    assertThat(store.removeListener(after)).isTrue();
  }

  @Test
  void clearExpiredTellsListenersOneExpiredEventPerRemovedRecord() {
    String live = storedSession(Map.of("live", true));
    List<String> expiring = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Session session = store.newSession();
      session.setExpiry(Duration.ofHours(1));
      session.save();
      expiring.add(session.getSessionKey());
    }
    listener.reset();
    clock.advance(Duration.ofHours(2));

    int removed = store.clearExpired();

    assertThat(listener.expiredKeys()).hasSize(removed).doesNotContain(live);
    if (clearExpiredDeletesRecords()) {
      assertThat(listener.expiredKeys()).containsExactlyInAnyOrderElementsOf(expiring);
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A map allowing null values, in the order given. */
  static Map<String, Object> mapOf(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
