package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.PrincipalSessions;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;

/** Login moves the session to a new key with its data; logout ends it. */
class LoginAndLogoutSessionTests {

  private final RequestWithSession visitor = new RequestWithSession();
  private final Authentication alice =
      UsernamePasswordAuthenticationToken.authenticated(
          "alice", null, AuthorityUtils.createAuthorityList("ROLE_USER"));

  @Test
  void onAuthenticationCyclesTheKeyKeepsTheDataAndDeletesTheOldRecord() {
    visitor.session.put("cart", "mug");
    visitor.nextRequest();
    String before = visitor.key();

    new CycleSessionKeyAuthenticationStrategy()
        .onAuthentication(alice, visitor.request, visitor.response);
    visitor.nextRequest();

    assertThat(visitor.key()).isNotNull().isNotEqualTo(before);
    assertThat(visitor.session.get("cart")).isEqualTo("mug");
    assertThat(visitor.store.exists(before)).isFalse();
  }

  @Test
  void onAuthenticationWritesTheNewRecordUnderTheUsersNameSoTheBackendCanPlaceIt() {
    visitor.session.put("cart", "mug");
    visitor.nextRequest();

    new CycleSessionKeyAuthenticationStrategy()
        .onAuthentication(alice, visitor.request, visitor.response);

    assertThat(visitor.session.get(PrincipalSessions.PRINCIPAL_NAME_KEY)).isEqualTo("alice");
    assertThat(((PrincipalSessions) visitor.store).sessionsOf("alice", visitor.key()))
        .as("the record the new key was created with already names alice")
        .singleElement()
        .satisfies(listed -> assertThat(listed.current()).isTrue());
  }

  @Test
  void onAuthenticationOverAnotherUsersLoginEndsTheirSessionInstead() {
    Authentication bob =
        UsernamePasswordAuthenticationToken.authenticated(
            "bob", null, AuthorityUtils.createAuthorityList("ROLE_USER"));
    new SessionSecurityContextRepository()
        .saveContext(new SecurityContextImpl(bob), visitor.request, visitor.response);
    visitor.session.put("cart", "bob's mug");
    visitor.nextRequest();
    String before = visitor.key();

    new CycleSessionKeyAuthenticationStrategy()
        .onAuthentication(alice, visitor.request, visitor.response);

    assertThat(visitor.session.get("cart")).isNull();
    assertThat(visitor.session.get(PrincipalSessions.PRINCIPAL_NAME_KEY)).isEqualTo("alice");
    assertThat(visitor.session.getSessionKey()).isNull();
    assertThat(visitor.store.exists(before)).isFalse();
  }

  @Test
  void aRememberMeLoginOverAnotherUsersLoginKeepsOnlyTheSeriesRecordedInThisRequest() {
    Authentication bob =
        UsernamePasswordAuthenticationToken.authenticated(
            "bob", null, AuthorityUtils.createAuthorityList("ROLE_USER"));
    new SessionSecurityContextRepository()
        .saveContext(new SecurityContextImpl(bob), visitor.request, visitor.response);
    visitor.session.put(SeriesRecordingTokenRepository.SERIES_KEY, "bobs-series");
    visitor.nextRequest();
    CycleSessionKeyAuthenticationStrategy strategy = new CycleSessionKeyAuthenticationStrategy();

    visitor.request.setAttribute(SeriesRecordingTokenRepository.RECORDED_ATTRIBUTE, "alices");
    strategy.onAuthentication(alice, visitor.request, visitor.response);
    assertThat(visitor.session.get(SeriesRecordingTokenRepository.SERIES_KEY)).isEqualTo("alices");

    new SessionSecurityContextRepository()
        .saveContext(new SecurityContextImpl(bob), visitor.request, visitor.response);
    visitor.session.put(SeriesRecordingTokenRepository.SERIES_KEY, "bobs-series");
    visitor.nextRequest();
    strategy.onAuthentication(alice, visitor.request, visitor.response);
    assertThat(visitor.session.get(SeriesRecordingTokenRepository.SERIES_KEY))
        .as("a form login over bob's: nothing of bob's passes on")
        .isNull();
  }

  @Test
  void logoutFlushesTheSession() {
    visitor.session.put("cart", "mug");
    visitor.nextRequest();
    String before = visitor.key();

    new FlushSessionLogoutHandler().logout(visitor.request, visitor.response, alice);

    assertThat(visitor.session.isEmpty()).isTrue();
    assertThat(visitor.session.getSessionKey()).isNull();
    assertThat(visitor.store.exists(before)).isFalse();
  }
}
