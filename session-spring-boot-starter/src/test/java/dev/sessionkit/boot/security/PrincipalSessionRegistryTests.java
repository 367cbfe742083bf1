package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.testing.ForeignSessionStore;
import dev.sessionkit.cache.CacheSessionStore;
import dev.sessionkit.cache.SessionCaches;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.userdetails.User;

class PrincipalSessionRegistryTests {

  private final CacheSessionStore store =
      new CacheSessionStore(SessionCaches.caffeine("registry", 100, Clock.systemUTC()));
  private final PrincipalSessionRegistry registry = new PrincipalSessionRegistry(store);

  @Test
  void listsThePrincipalsSessionsByIdAndExpiringOneDeletesIt() {
    String older = loggedIn("alice");
    String newer = loggedIn("alice");
    loggedIn("bob");
    User alice = new User("alice", "secret", List.of());

    List<SessionInformation> sessions = registry.getAllSessions(alice, false);

    assertThat(sessions)
        .extracting(SessionInformation::getSessionId)
        .containsExactlyInAnyOrder(older.substring(0, 8), newer.substring(0, 8));
    assertThat(sessions).allSatisfy(info -> assertThat(info.getPrincipal()).isSameAs(alice));
    SessionInformation first =
        sessions.stream()
            .filter(info -> info.getSessionId().equals(older.substring(0, 8)))
            .findFirst()
            .orElseThrow();
    first.expireNow();
    assertThat(first.isExpired()).isTrue();
    assertThat(store.exists(older)).isFalse();
    assertThat(store.exists(newer)).isTrue();
    assertThat(registry.getAllSessions("alice", false)).hasSize(1);
  }

  @Test
  void aStoreThatCannotListSessionsFailsWithTheReason() {
    SessionStore foreign = new ForeignSessionStore(store);
    PrincipalSessionRegistry unusable = new PrincipalSessionRegistry(foreign);

    assertThatIllegalStateException()
        .isThrownBy(() -> unusable.getAllSessions("alice", false))
        .withMessageContaining("maximumSessions");
  }

  private String loggedIn(String name) {
    Session session = store.newSession();
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, name);
    session.save();
    return session.getSessionKey();
  }
}
