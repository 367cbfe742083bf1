package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.engine.StorageSessionStore;
import dev.sessionkit.spi.IndexedSession;
import dev.sessionkit.spi.ReplaceOutcome;
import dev.sessionkit.spi.SessionStorage;
import dev.sessionkit.spi.StorageCapabilities;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.testing.RecordingListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What listeners hear of a revocation on a storage whose principal index lists sessions without
 * their data (which {@link IndexedSession} allows), and of a session another request deleted
 * between the listing and the revocation. The contract every indexing backend passes is in {@link
 * PrincipalIndexContract}.
 */
class RevocationListenerTests {

  private final ListingWithoutData storage = new ListingWithoutData();
  private final StorageSessionStore store =
      new StorageSessionStore(storage, SessionSettings.defaults());
  private final RecordingListener listener = new RecordingListener();

  @Test
  void revokeWhenTheListingCarriesNoDataLoadsTheSessionToTellWhatItHeld() {
    String current = loggedIn("alice", "laptop");
    loggedIn("alice", "phone");
    store.addListener(listener);

    int revoked = store.revokeOthers("alice", current);

    assertThat(revoked).isEqualTo(1);
    assertThat(listener.revocations()).hasSize(1);
    assertThat(listener.revocations().get(0).getKey()).isEqualTo("alice");
    assertThat(listener.revocations().get(0).getValue()).containsEntry("device", "phone");
  }

  @Test
  void revokeWhenAnotherRequestDeletedTheSessionMeanwhileTellsNoRevocation() {
    String current = loggedIn("alice", "laptop");
    String phone = loggedIn("alice", "phone");
    storage.deleteWhenListed = phone;
    store.addListener(listener);

    store.revokeOthers("alice", current);

    assertThat(store.exists(phone)).isFalse();
    assertThat(listener.revocations()).isEmpty();
    assertThat(listener.deletes()).isZero();
  }

  @Test
  void revokeOthersTellsOthersRevokedOnceAfterItsDeletionsWithTheKeptSessionsData() {
    String current = loggedIn("alice", "laptop");
    loggedIn("alice", "phone");
    loggedIn("alice", "tablet");
    List<String> heard = new ArrayList<>();
    store.addListener(listener);
    store.addListener(
        new SessionListener() {
          @Override
          public void revoked(String principalName, Map<String, ?> data) {
            heard.add("revoked " + data.get("device"));
          }

          @Override
          public void othersRevoked(String principalName, Map<String, ?> keptData) {
            heard.add("others revoked, kept " + keptData.get("device"));
          }
        });

    store.revokeOthers("alice", current);

    assertThat(heard).hasSize(3).last().isEqualTo("others revoked, kept laptop");
    assertThat(listener.othersRevocations()).hasSize(1);
    assertThat(listener.othersRevocations().get(0).getKey()).isEqualTo("alice");
    assertThat(listener.othersRevocations().get(0).getValue())
        .containsEntry("device", "laptop")
        .containsEntry(PrincipalSessions.PRINCIPAL_NAME_KEY, "alice");
  }

  @Test
  void revokeOthersTellsOthersRevokedEvenWhenNoOtherSessionIsListed() {
    String current = loggedIn("alice", "laptop");
    store.addListener(listener);

    assertThat(store.revokeOthers("alice", current)).isZero();

    assertThat(listener.othersRevocations()).hasSize(1);
    assertThat(listener.othersRevocations().get(0).getValue()).containsEntry("device", "laptop");
  }

  @Test
  void revokeOthersWithoutACurrentKeyOrWithAnUnlistedOneTellsEmptyKeptData() {
    loggedIn("alice", "laptop");
    String bobs = loggedIn("bob", "desktop");
    store.addListener(listener);

    store.revokeOthers("alice", bobs);
    loggedIn("alice", "phone");
    store.revokeOthers("alice", null);

    assertThat(listener.othersRevocations()).hasSize(2);
    assertThat(listener.othersRevocations())
        .allSatisfy(
            heard -> {
              assertThat(heard.getKey()).isEqualTo("alice");
              assertThat(heard.getValue()).isEmpty();
            });
    assertThat(store.exists(bobs)).isTrue();
  }

  @Test
  void revokeOfOneSessionNeverTellsOthersRevoked() {
    loggedIn("alice", "laptop");
    String phone = loggedIn("alice", "phone");
    store.addListener(listener);

    assertThat(store.revoke("alice", PrincipalSession.idOf(phone))).isTrue();

    assertThat(listener.revocations()).hasSize(1);
    assertThat(listener.othersRevocations()).isEmpty();
  }

  private String loggedIn(String principal, String device) {
    Session session = store.newSession();
    session.update(Map.of(PrincipalSessions.PRINCIPAL_NAME_KEY, principal, "device", device));
    session.save();
    return session.getSessionKey();
  }

  /** Records in a map; its listing names each session without its data. */
  private static final class ListingWithoutData implements SessionStorage {

    private final Map<String, StoredRecord> records = new ConcurrentHashMap<>();
    @Nullable String deleteWhenListed;

    @Override
    public @Nullable StoredRecord load(String key) {
      return records.get(key);
    }

    @Override
    public boolean insert(String key, StoredRecord record) {
      return records.putIfAbsent(key, record) == null;
    }

    @Override
    public ReplaceOutcome replace(String key, StoredRecord record, long expectedVersion) {
      StoredRecord stored = records.get(key);
      if (stored == null) {
        return ReplaceOutcome.GONE;
      }
      return records.replace(key, stored, record) && stored.version() == expectedVersion
          ? ReplaceOutcome.REPLACED
          : ReplaceOutcome.CONFLICT;
    }

    @Override
    public boolean delete(String key) {
      return records.remove(key) != null;
    }

    @Override
    public int removeExpired(Instant now, Consumer<String> removed) {
      return 0;
    }

    @Override
    public List<IndexedSession> sessionsOf(String principal, Instant now) {
      List<IndexedSession> sessions = new ArrayList<>();
      records.forEach(
          (key, record) -> {
            if (principal.equals(record.principal()) && !record.isExpiredAt(now)) {
              sessions.add(
                  new IndexedSession(key, record.created(), record.saved(), record.expiry(), null));
            }
          });
      if (deleteWhenListed != null) {
        records.remove(deleteWhenListed);
      }
      return sessions;
    }

    @Override
    public StorageCapabilities capabilities() {
      return StorageCapabilities.builder().compareAndSet(true).indexesPrincipals(true).build();
    }

    @Override
    public String backend() {
      return "listing without data";
    }
  }
}
