package dev.sessionkit.sample.csrf;

import dev.sessionkit.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the visitor's form token, kept in the session under {@value #SESSION_KEY}.
 * Every POST form carries it in the field {@value #PARAMETER}; a forged form on another site
 * cannot, because it cannot read the page.
 *
 * <p>A token is 32 bytes from {@link SecureRandom}, URL-safe Base64. It is created the first time a
 * page renders a form, so a page without forms starts no session.
 */
@Component
public class CsrfTokens {

  /** The session key of the token. */
  public static final String SESSION_KEY = "csrf_token";

  /** The form field that carries the token. */
  public static final String PARAMETER = "_csrf";

  /** The request header that may carry the token instead, for scripts. */
  public static final String HEADER = "X-CSRF-Token";

  private static final int TOKEN_BYTES = 32;

  private final SecureRandom random = new SecureRandom();

  /** The session's token, created and stored (the session modified) if it has none. */
  public String tokenFor(Session session) {
    String token = storedToken(session);
    if (token == null) {
      token = newToken();
      session.put(SESSION_KEY, token);
    }
    return token;
  }

  /** Whether the session holds a token. Marks the session accessed. */
  public boolean hasToken(Session session) {
    return storedToken(session) != null;
  }

  /**
   * Whether {@code submitted} is the session's token. Compares in constant time; false when either
   * is missing.
   */
  public boolean matches(Session session, @Nullable String submitted) {
    String token = storedToken(session);
    if (token == null || submitted == null) {
      return false;
    }
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }

  /** Forgets the session's token so that the next form gets a new one (after log in). */
  public void rotate(Session session) {
    session.remove(SESSION_KEY);
  }

  private @Nullable String storedToken(Session session) {
    return session.get(SESSION_KEY) instanceof String token ? token : null;
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
