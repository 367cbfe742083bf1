package dev.sessionkit.django;

import dev.sessionkit.Session;
import dev.sessionkit.SessionTooLargeException;
import dev.sessionkit.UnreadableSessionDataException;
import dev.sessionkit.spi.CookieStorage;
import dev.sessionkit.spi.StoredRecord;
import dev.sessionkit.spi.encoding.Base62;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Django's {@code signed_cookies} storage: the session key is the cookie value, and the cookie
 * value is the session data as the store's {@link DjangoSessionCodec} signed it (under the salt
 * {@value DjangoSignedCookieSessionStore#COOKIE_SALT}). Nothing is kept here.
 *
 * <p>As in Django, a cookie lives for at most the maximum age after it was signed (Django's {@code
 * SESSION_COOKIE_AGE}): {@link #load} reads the signing time from the value and refuses an older
 * cookie with a warning. Unlike Django (ticket 19201), an earlier expiry the session set for itself
 * ({@code _session_expiry}) is enforced too, so a session ended by {@code setExpiry} stays ended
 * even if its cookie is replayed. The signature is checked here, before the value counts as a
 * session: a forged value, even with a fresh timestamp, or one signed with another secret (a
 * sibling domain's cookie of the same name), loads as no session at all, so that the filter can
 * pick a valid cookie sent beside it and removes the bad one from the browser.
 */
final class DjangoSignedCookieStorage extends CookieStorage {

  /** The largest cookie, {@code name=value}, that every browser keeps. */
  static final int MAX_COOKIE_BYTES = 4093;

  private static final System.Logger LOG =
      System.getLogger(DjangoSignedCookieStorage.class.getName());

  private final DjangoSessionCodec codec;
  private final Duration maxAge;
  private final Clock clock;
  private final String cookieName;

  DjangoSignedCookieStorage(
      DjangoSessionCodec codec, Duration maxAge, Clock clock, String cookieName) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    if (cookieName.isBlank()) {
      throw new IllegalArgumentException("The session cookie name must not be blank");
    }
  }

  /** The signed data itself is the cookie value. */
  @Override
  public String store(StoredRecord record) {
    String value = record.data();
    long size = (long) cookieName.length() + 1 + value.length();
    if (size > MAX_COOKIE_BYTES) {
      throw new SessionTooLargeException(
          "The session cookie '" + cookieName + "' (name=value)", size, MAX_COOKIE_BYTES);
    }
    return value;
  }

  @Override
  public @Nullable StoredRecord load(String key) {
    Instant signedAt = signedAt(key);
    if (signedAt == null) {
      warn("it is not a Django signed value");
      return null;
    }
    Instant expiry = signedAt.plus(maxAge);
    if (!expiry.isAfter(clock.instant())) {
      warn("it was signed more than the maximum age ago");
      return null;
    }
    Map<String, Object> data;
    try {
      data = codec.decode(key);
    } catch (UnreadableSessionDataException ex) {
      warn("its signature or data does not verify");
      return null;
    }
    Instant ownExpiry = ownExpiry(data.get(Session.EXPIRY_KEY), signedAt);
    if (ownExpiry != null && ownExpiry.isBefore(expiry)) {
      expiry = ownExpiry;
    }
    return StoredRecord.builder().data(key).expiry(expiry).version(1).build();
  }

  /**
   * The earlier end a session set for itself ({@code _session_expiry}: seconds after its last save,
   * which is when the cookie was signed, or an instant), or null.
   */
  private static @Nullable Instant ownExpiry(@Nullable Object expiry, Instant signedAt) {
    if (expiry instanceof Number seconds && seconds.longValue() != 0) {
      return signedAt.plusSeconds(seconds.longValue());
    }
    if (expiry instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException ex) {
        return null;
      }
    }
    return null;
  }

  /** The time in {@code value:timestamp:signature}, unverified (the codec verifies the value). */
  private static @Nullable Instant signedAt(String value) {
    int signatureColon = value.lastIndexOf(':');
    int timestampColon = signatureColon < 0 ? -1 : value.lastIndexOf(':', signatureColon - 1);
    if (timestampColon < 0) {
      return null;
    }
    long seconds = Base62.decode(value.substring(timestampColon + 1, signatureColon), 10);
    return seconds < 0 || seconds > Instant.MAX.getEpochSecond() / 2
        ? null
        : Instant.ofEpochSecond(seconds);
  }

  private void warn(String reason) {
    LOG.log(
        Level.WARNING,
        "Session cookie not accepted by the django-signed-cookies store ("
            + reason
            + "); the session starts empty");
  }

  @Override
  public String backend() {
    return "django-signed-cookies";
  }

  @Override
  public String toString() {
    return "DjangoSignedCookieStorage[cookie '" + cookieName + "']";
  }
}
