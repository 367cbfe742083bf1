package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.boot.web.SessionFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;

class SessionSecurityContextRepositoryTests {

  private final SessionSecurityContextRepository repository =
      new SessionSecurityContextRepository();
  private final RequestWithSession visitor = new RequestWithSession();

  @Test
  void saveContextWhenLoggedInStoresTheAuthenticationAsJsonAndTheNextRequestLoadsIt() {
    Authentication login = usernamePassword("alice", "ROLE_USER", "ROLE_ADMIN");

    repository.saveContext(new SecurityContextImpl(login), visitor.request, visitor.response);
    visitor.nextRequest();

    assertThat(visitor.session.get(SessionSecurityContextRepository.SESSION_KEY))
        .isInstanceOfSatisfying(
            Map.class,
            stored ->
                assertThat(stored.get("authentication").toString())
                    .contains("UsernamePasswordAuthenticationToken", "alice", "ROLE_ADMIN"));
    DeferredSecurityContext loaded = repository.loadDeferredContext(visitor.request);
    assertThat(loaded.isGenerated()).isFalse();
    Authentication authentication = loaded.get().getAuthentication();
    assertThat(authentication).isInstanceOf(UsernamePasswordAuthenticationToken.class);
    assertThat(authentication.getName()).isEqualTo("alice");
    assertThat(authentication.isAuthenticated()).isTrue();
    assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
        .containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
    assertThat(authentication.getPrincipal())
        .isInstanceOfSatisfying(
            User.class, user -> assertThat(user.getUsername()).isEqualTo("alice"));
    assertThat(repository.containsContext(visitor.request)).isTrue();
  }

  @Test
  void aLoginRecordsThePrincipalsNameAndNoDeviceDetailsUnlessAsked() {
    visitor.request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");

    repository.saveContext(
        new SecurityContextImpl(usernamePassword("alice", "ROLE_USER")),
        visitor.request,
        visitor.response);

    assertThat(visitor.session.get(PrincipalSessions.PRINCIPAL_NAME_KEY)).isEqualTo("alice");
    assertThat(visitor.session.containsKey(PrincipalSessions.USER_AGENT_KEY)).isFalse();
    assertThat(visitor.session.containsKey(PrincipalSessions.IP_ADDRESS_KEY)).isFalse();
  }

  @Test
  void aLoginRecordsTheUserAgentAndAddressWhenAsked() {
    repository.setRecordedDeviceDetails(true, true);
    visitor.request.addHeader("User-Agent", "x".repeat(2_000));
    visitor.request.setRemoteAddr("192.0.2.7");

    repository.saveContext(
        new SecurityContextImpl(usernamePassword("alice", "ROLE_USER")),
        visitor.request,
        visitor.response);

    assertThat(visitor.session.get(PrincipalSessions.USER_AGENT_KEY))
        .isEqualTo("x".repeat(SessionSecurityContextRepository.MAX_USER_AGENT_LENGTH));
    assertThat(visitor.session.get(PrincipalSessions.IP_ADDRESS_KEY)).isEqualTo("192.0.2.7");
  }

  @Test
  void saveContextWhenRememberedStoresTheRememberMeToken() {
    User user = new User("bob", "", AuthorityUtils.createAuthorityList("ROLE_USER"));
    Authentication remembered =
        new RememberMeAuthenticationToken("key", user, user.getAuthorities());

    repository.saveContext(new SecurityContextImpl(remembered), visitor.request, visitor.response);
    visitor.nextRequest();

    assertThat(repository.loadDeferredContext(visitor.request).get().getAuthentication())
        .isInstanceOfSatisfying(
            RememberMeAuthenticationToken.class,
            token -> assertThat(token.getName()).isEqualTo("bob"));
  }

  @Test
  void saveContextWhenAnonymousStoresNothingAndRemovesAStoredLogin() {
    repository.saveContext(
        new SecurityContextImpl(usernamePassword("alice", "ROLE_USER")),
        visitor.request,
        visitor.response);
    Authentication anonymous =
        new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    repository.saveContext(new SecurityContextImpl(anonymous), visitor.request, visitor.response);

    assertThat(visitor.session.containsKey(SessionSecurityContextRepository.SESSION_KEY)).isFalse();
    assertThat(repository.containsContext(visitor.request)).isFalse();
  }

  @Test
  void loadDeferredContextWhenNothingStoredGivesAGeneratedEmptyContextWithoutLoadingEarly() {
    DeferredSecurityContext deferred = repository.loadDeferredContext(visitor.request);

    assertThat(visitor.session.isAccessed()).isFalse();
    assertThat(deferred.get().getAuthentication()).isNull();
    assertThat(deferred.isGenerated()).isTrue();
  }

  @Test
  void loadDeferredContextWhenTheStoredTypeIsNotAllowedGivesNoLogin() {
    visitor.session.put(
        SessionSecurityContextRepository.SESSION_KEY,
        Map.of(
            "authentication",
            Map.of("@class", "java.lang.ProcessBuilder", "command", List.of("touch", "x"))));
    visitor.nextRequest();

    DeferredSecurityContext deferred = repository.loadDeferredContext(visitor.request);

    assertThat(deferred.get().getAuthentication()).isNull();
    assertThat(deferred.isGenerated()).isTrue();
  }

  @Test
  void saveContextWithoutTheSessionFilterFailsNamingTheFix() {
    MockHttpServletRequest withoutFilter = new MockHttpServletRequest("POST", "/login");

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                repository.saveContext(
                    new SecurityContextImpl(usernamePassword("alice", "ROLE_USER")),
                    withoutFilter,
                    visitor.response))
        .withMessageContaining("SessionFilter did not run");
    assertThat(withoutFilter.getAttribute(SessionFilter.SESSION_ATTRIBUTE)).isNull();
  }

  private static Authentication usernamePassword(String name, String... roles) {
    User user = new User(name, "secret", AuthorityUtils.createAuthorityList(roles));
    user.eraseCredentials();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
  }
}
