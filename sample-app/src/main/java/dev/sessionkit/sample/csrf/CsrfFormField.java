package dev.sessionkit.sample.csrf;

import dev.sessionkit.Session;

/**
 * The hidden form field templates render into every POST form: {@code <input type="hidden"
 * th:name="${csrf.parameterName}" th:value="${csrf.token}">}.
 *
 * <p>The token is fetched (and, the first time, created) only when a template asks for it, so a
 * page without forms leaves the session untouched. Templates are rendered completely before any
 * byte is written ({@code spring.thymeleaf.servlet.produce-partial-output-while-processing:
 * false}), so a token created while rendering is saved, and its cookie set, before the response is
 * committed.
 */
public final class CsrfFormField {

  private final CsrfTokens tokens;
  private final Session session;

  /** The field for {@code session}'s token. */
  public CsrfFormField(CsrfTokens tokens, Session session) {
    this.tokens = tokens;
    this.session = session;
  }

  /** The name of the form field. */
  public String getParameterName() {
    return CsrfTokens.PARAMETER;
  }

  /** The session's token, created if it has none. */
  public String getToken() {
    return tokens.tokenFor(session);
  }
}
