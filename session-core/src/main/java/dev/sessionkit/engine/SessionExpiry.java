package dev.sessionkit.engine;

import dev.sessionkit.Session;
import dev.sessionkit.SessionSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Django's expiry rules over a session's data: a custom expiry lives in the data under {@link
 * Session#EXPIRY_KEY} as whole seconds after the last save ({@code 0}: at browser close, while the
 * server keeps the default age) or as an instant; without one the settings decide.
 */
final class SessionExpiry {

  /**
   * The latest expiry a record is stored with: the last second of year 9999, which every backend's
   * date type holds (SQL timestamps, Python's {@code datetime} in Django's table, a Redis expiry
   * and its index score as an integer). A session set to expire later, {@link Instant#MAX} for
   * "never", is kept until then, which is never just as well.
   */
  static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private final SessionSettings settings;

  SessionExpiry(SessionSettings settings) {
    this.settings = settings;
  }

  Instant now() {
    return settings.clock().instant();
  }

  /** The instant {@code data} expires if saved at {@code now}. */
  Instant expiryDate(Map<String, @Nullable Object> data, Instant now) {
    Instant fixedDate = customExpiryDate(data);
    if (fixedDate != null) {
      return fixedDate.isAfter(LATEST_EXPIRY) ? LATEST_EXPIRY : fixedDate;
    }
    Duration age = idleAge(data);
    // In seconds: Duration.between over centuries overflows its nanoseconds and throws inside.
    return age.getSeconds() >= LATEST_EXPIRY.getEpochSecond() - now.getEpochSecond()
        ? LATEST_EXPIRY
        : now.plus(age);
  }

  /** How long from {@code now} until {@code data} expires if saved at {@code now}. */
  Duration expiryAge(Map<String, @Nullable Object> data, Instant now) {
    Instant expiry = expiryDate(data, now);
    return Duration.ofSeconds(
        expiry.getEpochSecond() - now.getEpochSecond(), expiry.getNano() - now.getNano());
  }

  /** Whether the cookie of a session holding {@code data} ends when the browser closes. */
  boolean atBrowserClose(Map<String, @Nullable Object> data) {
    Object expiry = data.get(Session.EXPIRY_KEY);
    if (expiry == null) {
      return settings.expireAtBrowserClose();
    }
    return expiry instanceof Number number && number.longValue() == 0;
  }

  /** The instant set by {@code setExpiry(Instant)}, or null when the expiry is an age. */
  private static @Nullable Instant customExpiryDate(Map<String, @Nullable Object> data) {
    if (data.get(Session.EXPIRY_KEY) instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException ex) {
        return null; // an unreadable custom expiry falls back to the default, like an absent one
      }
    }
    return null;
  }

  /** How long the session lives after a save when it has no fixed expiry date: exact seconds. */
  private Duration idleAge(Map<String, @Nullable Object> data) {
    if (data.get(Session.EXPIRY_KEY) instanceof Number number && number.longValue() > 0) {
      return Duration.ofSeconds(number.longValue());
    }
    return settings.maxAge();
  }
}
