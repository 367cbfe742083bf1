package dev.sessionkit.sample.account;

import dev.sessionkit.PrincipalSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * One row of the "Your devices" page: a session of the logged-in user, its times to the second.
 *
 * @param id the first characters of the session key ({@link PrincipalSession#id()}), never more
 * @param current whether it is the session of the browser looking at the page
 * @param created when it started (at login), or null when unknown
 * @param lastActive when it was last saved, or null when unknown
 * @param expires when it expires unless used again
 */
public record Device(
    String id,
    boolean current,
    @Nullable Instant created,
    @Nullable Instant lastActive,
    Instant expires) {

  /** The row showing {@code session}. */
  static Device of(PrincipalSession session) {
    return new Device(
        session.id(),
        session.current(),
        toSeconds(session.created()),
        toSeconds(session.lastSaved()),
        session.expiry().truncatedTo(ChronoUnit.SECONDS));
  }

  private static @Nullable Instant toSeconds(@Nullable Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
