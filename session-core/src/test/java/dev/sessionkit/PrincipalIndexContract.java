package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.testing.MutableClock;
import dev.sessionkit.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of a user's sessions ({@link PrincipalSessions}): which sessions are listed, what a
 * listing shows, and what revocation deletes. Implemented by the contract tests of every backend
 * whose storage {@linkplain dev.sessionkit.spi.StorageCapabilities#indexesPrincipals() indexes
 * principals}, against its real server.
 */
interface PrincipalIndexContract {

  /** The store under test. */
  StorageSessionStore store();

  /** The clock of the store under test, at 2030-01-01T00:00:00Z when a test starts. */
  MutableClock clock();

  @Test
  default void capabilitiesSayTheStorageIndexesPrincipals() {
    assertThat(store().capabilities().indexesPrincipals()).isTrue();
  }

  @Test
  default void aPrincipalsLiveSessionsAreListedWithTheirTimesAndNoFullKey() {
    String alice = unique("alice");
    String bob = unique("bob");
    String first = loggedIn(alice);
    clock().advance(Duration.ofMinutes(5));
    String second = loggedIn(alice);
    loggedIn(bob);
    anonymous();

    List<PrincipalSession> sessions = store().sessionsOf(alice, first);

    assertThat(sessions)
        .extracting(PrincipalSession::id)
        .containsExactly(second.substring(0, 8), first.substring(0, 8));
    assertThat(sessions).extracting(PrincipalSession::current).containsExactly(false, true);
    PrincipalSession older = sessions.get(1);
    assertThat(older.created()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(older.lastSaved()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(older.expiry()).isEqualTo(Instant.parse("2030-01-15T00:00:00Z"));
    assertThat(sessions.get(0).lastSaved()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
    assertThat(sessions.toString()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  default void aLaterSaveMovesLastSavedAndExpiryButNotCreation() {
    String alice = unique("alice");
    String key = loggedIn(alice);
    clock().advance(Duration.ofHours(1));
    Session session = store().open(key);
    session.put("cart", List.of(1));
    session.save();

    PrincipalSession listed = store().sessionsOf(alice, null).get(0);

    assertThat(listed.created()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(listed.lastSaved()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
    assertThat(listed.expiry()).isEqualTo(Instant.parse("2030-01-15T01:00:00Z"));
  }

  @Test
  default void loggedOutExpiredAndOtherPrincipalsSessionsAreNotListed() {
    String alice = unique("alice");
    String bob = unique("bob");
    String loggedOut = loggedIn(alice);
    String changed = loggedIn(alice);
    String live = loggedIn(alice);
    Session logout = store().open(loggedOut);
    logout.get("any");
    logout.flush();
    Session other = store().open(changed);
    other.put(PrincipalSessions.PRINCIPAL_NAME_KEY, bob);
    other.save();

    assertThat(store().sessionsOf(alice, null))
        .extracting(PrincipalSession::id)
        .containsExactly(live.substring(0, 8));
    assertThat(store().sessionsOf(bob, null))
        .extracting(PrincipalSession::id)
        .containsExactly(changed.substring(0, 8));

    clock().advance(Duration.ofDays(15));
    assertThat(store().sessionsOf(alice, null)).isEmpty();
  }

  @Test
  default void signingOutOtherDevicesDeletesEveryOtherSessionOfThePrincipalOnly() {
    String alice = unique("alice");
    String bob = unique("bob");
    String current = loggedIn(alice);
    String phone = loggedIn(alice);
    String laptop = loggedIn(alice);
    String bobs = loggedIn(bob);

    int revoked = store().revokeOthers(alice, current);

    assertThat(revoked).isEqualTo(2);
    assertThat(store().exists(current)).isTrue();
    assertThat(store().exists(phone)).isFalse();
    assertThat(store().exists(laptop)).isFalse();
    assertThat(store().exists(bobs)).isTrue();
    assertThat(store().sessionsOf(alice, current)).hasSize(1);
  }

  @Test
  default void oneSessionIsRevokedByItsIdAndOnlyAmongThePrincipalsOwn() {
    String alice = unique("alice");
    String bob = unique("bob");
    String kept = loggedIn(alice);
    String revoked = loggedIn(alice);
    String bobs = loggedIn(bob);

    assertThat(store().revoke(alice, revoked.substring(0, 8))).isTrue();
    assertThat(store().revoke(alice, bobs.substring(0, 8))).isFalse();
    assertThat(store().revoke(alice, kept.substring(0, 4))).isFalse();

    assertThat(store().exists(revoked)).isFalse();
    assertThat(store().exists(kept)).isTrue();
    assertThat(store().exists(bobs)).isTrue();
  }

  @Test
  default void revokingTellsListenersWhoseSessionItWasAndWhatItHeld() {
    String alice = unique("alice");
    String bob = unique("bob");
    String current = loggedIn(alice, "device", "laptop");
    loggedIn(alice, "device", "phone");
    loggedIn(alice, "device", "tablet");
    loggedIn(bob, "device", "bobs");
    RecordingListener listener = new RecordingListener();
    store().addListener(listener);
    try {
      store().revokeOthers(alice, current);

      assertThat(listener.revocations())
          .extracting(Map.Entry::getKey)
          .containsExactly(alice, alice);
      assertThat(listener.revocations())
          .extracting(revocation -> revocation.getValue().get("device"))
          .containsExactlyInAnyOrder("phone", "tablet");
      assertThat(listener.revocations().get(0).getValue())
          .containsEntry(PrincipalSessions.PRINCIPAL_NAME_KEY, alice);
      assertThat(listener.deletes()).isEqualTo(2);
    } finally {
      store().removeListener(listener);
    }
  }

  @Test
  default void revokingOneSessionByItsIdTellsListenersOfThatOneOnly() {
    String alice = unique("alice");
    loggedIn(alice, "device", "laptop");
    String phone = loggedIn(alice, "device", "phone");
    RecordingListener listener = new RecordingListener();
    store().addListener(listener);
    try {
      store().revoke(alice, phone.substring(0, 8));
      store().revoke(alice, phone.substring(0, 8));

      assertThat(listener.revocations()).hasSize(1);
      assertThat(listener.revocations().get(0).getKey()).isEqualTo(alice);
      assertThat(listener.revocations().get(0).getValue()).containsEntry("device", "phone");
    } finally {
      store().removeListener(listener);
    }
  }

  @Test
  default void logoutKeyCycleAndExpiryAreNotRevocations() {
    String alice = unique("alice");
    String loggedOut = loggedIn(alice, "device", "laptop");
    String cycled = loggedIn(alice, "device", "phone");
    loggedIn(alice, "device", "tablet");
    RecordingListener listener = new RecordingListener();
    store().addListener(listener);
    try {
      store().open(loggedOut).flush();
      Session cycling = store().open(cycled);
      cycling.cycleKey();
      cycling.save();
      clock().advance(Duration.ofDays(15));
      store().clearExpired();

      assertThat(listener.deletes()).isGreaterThanOrEqualTo(2);
      assertThat(listener.revocations()).isEmpty();
    } finally {
      store().removeListener(listener);
    }
  }

  /**
   * A principal name of this test alone: backends whose records outlive a test (a shared Redis
   * prefix) then list nothing of other tests.
   */
  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  @Test
  default void theDeviceDetailsALoginRecordedAreListedAndOnlyThen() {
    String alice = unique("alice");
    Session withDetails = store().newSession();
    withDetails.update(
        Map.of(
            PrincipalSessions.PRINCIPAL_NAME_KEY, alice,
            PrincipalSessions.USER_AGENT_KEY, "Mozilla/5.0 (X11; Linux x86_64)",
            PrincipalSessions.IP_ADDRESS_KEY, "192.0.2.7"));
    withDetails.save();
    String without = loggedIn(alice);

    List<PrincipalSession> sessions = store().sessionsOf(alice, without);

    PrincipalSession detailed =
        sessions.stream().filter(session -> !session.current()).findFirst().orElseThrow();
    assertThat(detailed.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
    assertThat(detailed.ipAddress()).isEqualTo("192.0.2.7");
    PrincipalSession plain =
        sessions.stream().filter(PrincipalSession::current).findFirst().orElseThrow();
    assertThat(plain.userAgent()).isNull();
    assertThat(plain.ipAddress()).isNull();
  }

  private String loggedIn(String principal) {
    Session session = store().newSession();
    session.update(Map.of(PrincipalSessions.PRINCIPAL_NAME_KEY, principal, "n", 1));
    session.save();
    return session.getSessionKey();
  }

  private String loggedIn(String principal, String dataKey, String value) {
    Session session = store().newSession();
    session.update(Map.of(PrincipalSessions.PRINCIPAL_NAME_KEY, principal, dataKey, value));
    session.save();
    return session.getSessionKey();
  }

  private void anonymous() {
    Session session = store().newSession();
    session.put("n", 1);
    session.save();
  }
}
