package dev.sessionkit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A session as a backend stores it: the encoded data and the instant it expires. Part of the
 * backend SPI (see {@link AbstractSessionStore}).
 *
 * @param data the session data as encoded by the {@link SessionCodec}
 * @param expireDate the instant after which the record must not be loaded
 */
public record SessionRecord(String data, Instant expireDate) {

  public SessionRecord {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(expireDate, "expireDate");
  }

  /** Whether the record has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !expireDate.isAfter(now);
  }

  /**
   * This record as one text, for backends that store a single string (files, caches): the expiry
   * instant on the first line, the data after it.
   */
  public String toText() {
    return expireDate + "\n" + data;
  }

  /**
   * Reads a record written by {@link #toText()}.
   *
   * @throws UnreadableSessionDataException when the text is not such a record
   */
  public static SessionRecord fromText(String text) {
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new UnreadableSessionDataException("stored session has no expiry line");
    }
    try {
      return new SessionRecord(
          text.substring(newline + 1), Instant.parse(text.substring(0, newline)));
    } catch (DateTimeParseException ex) {
      throw new UnreadableSessionDataException("stored session has an unreadable expiry", ex);
    }
  }

  @Override
  public String toString() {
    return "SessionRecord[expireDate=" + expireDate + ", " + data.length() + " chars]";
  }
}
