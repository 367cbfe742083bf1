package dev.sessionkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One live session of a principal, as {@link PrincipalSessions#sessionsOf} lists it.
 *
 * @param id the first {@value #ID_LENGTH} characters of the session key: tells the principal's
 *     sessions apart and names one to {@link PrincipalSessions#revoke}, without giving the key away
 * @param current whether it is the session that asked for the list
 * @param created when it was created (at login, since login gives the session a new key), or null
 *     when its record predates the principal index
 * @param lastSaved when it was last saved, or null when unknown
 * @param expiry when it expires unless saved again
 * @param userAgent the browser's {@code User-Agent} at login, when the application records it
 *     ({@link PrincipalSessions#USER_AGENT_KEY}; personal data, so off by default), else null
 * @param ipAddress the client's address at login, when the application records it ({@link
 *     PrincipalSessions#IP_ADDRESS_KEY}; personal data, off by default), else null
 */
public record PrincipalSession(
    String id,
    boolean current,
    @Nullable Instant created,
    @Nullable Instant lastSaved,
    Instant expiry,
    @Nullable String userAgent,
    @Nullable String ipAddress) {

  /** How many characters of the session key an id keeps. */
  public static final int ID_LENGTH = 8;

  public PrincipalSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiry, "expiry");
  }

  /** The id of the session under {@code sessionKey}. */
  public static String idOf(String sessionKey) {
    return sessionKey.substring(0, Math.min(ID_LENGTH, sessionKey.length()));
  }
}
