package dev.sessionkit.cookie;

import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.cookie.CookieFormat.RejectedCookieException;
import dev.sessionkit.spi.CookieStorage;
import dev.sessionkit.spi.StoredRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A storage that keeps nothing: the session key is the cookie value, and the cookie value holds the
 * record (its expiry and data; the version is not kept) in a {@link CookieFormat}. As Django's
 * {@code signed_cookies}: nothing is ever found by {@link #contains} or deleted by {@link #delete},
 * and nothing expires here, since the browser holds the data.
 *
 * <p>A value that is not a live record of this store (tampered, truncated, expired, written with
 * another secret, garbage) loads as nothing, with a warning that names the reason but never the
 * value. A record whose cookie, {@code name=value} as a browser counts it, would exceed {@value
 * #MAX_COOKIE_BYTES} bytes is refused with a {@link SessionTooLargeException}; nothing is written.
 */
final class CookieSessionStorage extends CookieStorage {

  /** The largest cookie, {@code name=value}, that every browser keeps. */
  static final int MAX_COOKIE_BYTES = 4093;

  private static final System.Logger LOG = System.getLogger(CookieSessionStorage.class.getName());

  private final CookieFormat format;
  private final Clock clock;
  private final String cookieName;

  CookieSessionStorage(CookieFormat format, Clock clock, String cookieName) {
    this.format = Objects.requireNonNull(format, "format");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    if (cookieName.isBlank()) {
      throw new IllegalArgumentException("The session cookie name must not be blank");
    }
  }

  @Override
  public String store(StoredRecord record) {
    Instant now = clock.instant();
    String value = format.write(record.expiry() + "\n" + record.data(), now);
    long size = (long) cookieName.length() + 1 + value.length();
    if (size > MAX_COOKIE_BYTES) {
      throw new SessionTooLargeException(
          "The session cookie '" + cookieName + "' (name=value)", size, MAX_COOKIE_BYTES);
    }
    return value;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    try {
      String payload = format.read(key);
      int newline = payload.indexOf('\n');
      if (newline < 0) {
        throw new RejectedCookieException("it holds no session record");
      }
      Instant expiry = parseExpiry(payload.substring(0, newline));
      if (!expiry.isAfter(clock.instant())) {
        throw new RejectedCookieException("it has expired");
      }
      return StoredRecord.builder()
          .data(payload.substring(newline + 1))
          .expiry(expiry)
          .version(1)
          .build();
    } catch (RejectedCookieException ex) {
      LOG.log(
          Level.WARNING,
          "Session cookie not accepted by the "
              + format.backend()
              + " store ("
              + ex.getMessage()
              + "); the session starts empty");
      return null;
    }
  }

  private static Instant parseExpiry(String text) throws RejectedCookieException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException ex) {
      throw new RejectedCookieException("it holds no session expiry");
    }
  }

  @Override
  public String backend() {
    return format.backend();
  }

  @Override
  public String toString() {
    return "CookieSessionStorage[" + format.backend() + ", cookie '" + cookieName + "']";
  }
}
