package dev.sessionkit.sample.account;

import dev.sessionkit.Session;
import org.jspecify.annotations.Nullable;

/** Where the logged-in user lives in the session: their name under {@value #KEY}. */
public final class LoginSession {

  /** The session key of the logged-in user's name. */
  public static final String KEY = "user";

  private LoginSession() {}

  /** The logged-in user's name, or null. Marks the session accessed. */
  public static @Nullable String username(Session session) {
    return session.get(KEY, String.class);
  }

  /** Records {@code username} as logged in. Marks the session modified. */
  public static void logIn(Session session, String username) {
    session.put(KEY, username);
  }
}
