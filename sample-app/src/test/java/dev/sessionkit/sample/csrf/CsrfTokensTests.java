package dev.sessionkit.sample.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import dev.sessionkit.file.FileSessionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrfTokensTests {

  @TempDir Path directory;

  SessionStore store;

  CsrfTokens tokens = new CsrfTokens();

  @BeforeEach
  void store() {
    store = new FileSessionStore(directory);
  }

  @Test
  void tokenForWhenSessionHasNoneCreatesAndStoresOne() {
    Session session = store.newSession();

    String token = tokens.tokenFor(session);

    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(session.get(CsrfTokens.SESSION_KEY)).isEqualTo(token);
    assertThat(session.isModified()).isTrue();
  }

  @Test
  void tokenForWhenSessionHasOneReturnsItWithoutModifyingTheSession() {
    Session session = store.newSession();
    String token = tokens.tokenFor(session);
    session.save();
    Session reloaded = store.open(session.getSessionKey());

    assertThat(tokens.tokenFor(reloaded)).isEqualTo(token);
    assertThat(reloaded.isModified()).isFalse();
  }

  @Test
  void tokensOfTwoSessionsDiffer() {
    assertThat(tokens.tokenFor(store.newSession()))
        .isNotEqualTo(tokens.tokenFor(store.newSession()));
  }

  @Test
  void matchesOnlyTheSessionsToken() {
    Session session = store.newSession();
    String token = tokens.tokenFor(session);

    assertThat(tokens.matches(session, token)).isTrue();
    assertThat(tokens.matches(session, token.substring(1))).isFalse();
    assertThat(tokens.matches(session, null)).isFalse();
    assertThat(tokens.matches(session, tokens.tokenFor(store.newSession()))).isFalse();
  }

  @Test
  void matchesWhenSessionHasNoTokenIsFalse() {
    Session session = store.newSession();

    assertThat(tokens.matches(session, "")).isFalse();
    assertThat(tokens.hasToken(session)).isFalse();
  }

  @Test
  void rotateMakesTheNextTokenNew() {
    Session session = store.newSession();
    String token = tokens.tokenFor(session);

    tokens.rotate(session);

    assertThat(tokens.hasToken(session)).isFalse();
    assertThat(tokens.tokenFor(session)).isNotEqualTo(token);
  }
}
