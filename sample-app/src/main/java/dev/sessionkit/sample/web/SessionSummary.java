package dev.sessionkit.sample.web;

import dev.sessionkit.Session;
import dev.sessionkit.SessionStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the session page shows.
 *
 * @param backend the store in use, as its {@code toString()} names it ({@code
 *     JdbcSessionStore[table sessionkit_session]})
 * @param shortKey the first characters of the session key and an ellipsis, or null when the session
 *     has no key yet (nothing was ever stored)
 * @param expiryDate when the session expires if saved now, to the second
 * @param expireAtBrowserClose whether the cookie ends when the browser closes
 * @param keys the keys stored in the session
 */
public record SessionSummary(
    String backend,
    @Nullable String shortKey,
    Instant expiryDate,
    boolean expireAtBrowserClose,
    List<String> keys) {

  /** How many characters of the key the page shows: enough to see it change, too few to use. */
  public static final int KEY_CHARACTERS_SHOWN = 6;

  /** Reads the summary of {@code session}. Marks the session accessed, never modified. */
  public static SessionSummary of(SessionStore store, Session session) {
    return new SessionSummary(
        store.toString(),
        shorten(session.getSessionKey()),
        session.getExpiryDate().truncatedTo(ChronoUnit.SECONDS),
        session.getExpireAtBrowserClose(),
        List.copyOf(session.keySet()));
  }

  /** The first {@value #KEY_CHARACTERS_SHOWN} characters of {@code key} and "…", or null. */
  static @Nullable String shorten(@Nullable String key) {
    if (key == null) {
      return null;
    }
    return key.length() <= KEY_CHARACTERS_SHOWN
        ? key
        : key.substring(0, KEY_CHARACTERS_SHOWN) + "…";
  }
}
