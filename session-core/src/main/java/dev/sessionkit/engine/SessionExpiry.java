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
    return fixedDate == null ? now.plus(idleAge(data)) : fixedDate;
  }

  /** How long from {@code now} until {@code data} expires if saved at {@code now}. */
  Duration expiryAge(Map<String, @Nullable Object> data, Instant now) {
    Instant fixedDate = customExpiryDate(data);
    return fixedDate == null ? idleAge(data) : Duration.between(now, fixedDate);
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
