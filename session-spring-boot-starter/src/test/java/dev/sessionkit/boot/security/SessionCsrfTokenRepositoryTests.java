package dev.sessionkit.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.csrf.CsrfToken;

class SessionCsrfTokenRepositoryTests {

  private final SessionCsrfTokenRepository repository = new SessionCsrfTokenRepository();
  private final RequestWithSession visitor = new RequestWithSession();

  @Test
  void generateTokenGivesARandomTokenWithSpringSecuritysNames() {
    CsrfToken first = repository.generateToken(visitor.request);
    CsrfToken second = repository.generateToken(visitor.request);

    assertThat(first.getToken()).isNotEqualTo(second.getToken()).hasSizeGreaterThan(30);
    assertThat(first.getHeaderName()).isEqualTo("X-CSRF-TOKEN");
    assertThat(first.getParameterName()).isEqualTo("_csrf");
    assertThat(visitor.session.isModified()).isFalse();
  }

  @Test
  void saveTokenKeepsItInTheSessionForTheNextRequest() {
    CsrfToken token = repository.generateToken(visitor.request);

    repository.saveToken(token, visitor.request, visitor.response);
    visitor.nextRequest();

    assertThat(visitor.session.get(SessionCsrfTokenRepository.SESSION_KEY))
        .isEqualTo(
            Map.of(
                "token", token.getToken(), "headerName", "X-CSRF-TOKEN", "parameterName", "_csrf"));
    CsrfToken loaded = repository.loadToken(visitor.request);
    assertThat(loaded).isNotNull();
    assertThat(loaded.getToken()).isEqualTo(token.getToken());
    assertThat(loaded.getParameterName()).isEqualTo("_csrf");
  }

  @Test
  void saveTokenNullRemovesTheStoredToken() {
    repository.saveToken(
        repository.generateToken(visitor.request), visitor.request, visitor.response);

    repository.saveToken(null, visitor.request, visitor.response);

    assertThat(visitor.session.containsKey(SessionCsrfTokenRepository.SESSION_KEY)).isFalse();
    assertThat(repository.loadToken(visitor.request)).isNull();
  }

  @Test
  void loadTokenWhenNoneStoredIsNullAndCreatesNoSession() {
    assertThat(repository.loadToken(visitor.request)).isNull();
    assertThat(visitor.session.isModified()).isFalse();
    assertThat(visitor.request.getSession(false)).isNull();
  }
}
