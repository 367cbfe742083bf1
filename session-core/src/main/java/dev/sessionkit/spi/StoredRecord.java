package dev.sessionkit.spi;

import dev.sessionkit.UnreadableSessionDataException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A session as a storage keeps it: the encoded data, the instant it expires, and a version that
 * every replace moves on, so that a save can tell whether another request saved meanwhile.
 * Immutable; built with {@link #builder()} so that fields added later (the principal's name,
 * timestamps) break no backend.
 *
 * <p>Storages that keep one string per session (files, caches) use {@link #toText()} and {@link
 * #fromText(String)}: a header line {@code <expiry> <version>}, then the data. A header without a
 * version (written by sessionkit 0.1) reads as version 0.
 */
public final class StoredRecord {

  /**
   * The version the engine expects of a record it could not read: {@link SessionStorage#replace}
   * with this version replaces the stored record only while that, too, cannot be read.
   */
  public static final long UNREADABLE_VERSION = -1;

  private final String data;
  private final Instant expiry;
  private final long version;

  private StoredRecord(Builder builder) {
    this.data = Objects.requireNonNull(builder.data, "data");
    this.expiry = Objects.requireNonNull(builder.expiry, "expiry");
    this.version = builder.version;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields. */
  public Builder toBuilder() {
    return new Builder().data(data).expiry(expiry).version(version);
  }

  /** The session data as the engine's codec encoded it. */
  public String data() {
    return data;
  }

  /** The instant from which the record must no longer be loaded. */
  public Instant expiry() {
    return expiry;
  }

  /** The version: 1 when inserted, one more at each replace. */
  public long version() {
    return version;
  }

  /** Whether the record has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !expiry.isAfter(now);
  }

  /** This record as one text: the header line {@code <expiry> <version>}, then the data. */
  public String toText() {
    return expiry + " " + version + "\n" + data;
  }

  /**
   * Reads a record written by {@link #toText()}.
   *
   * @throws UnreadableSessionDataException when the text is not such a record
   */
  public static StoredRecord fromText(String text) {
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new UnreadableSessionDataException("stored session has no header line");
    }
    String header = text.substring(0, newline);
    int space = header.indexOf(' ');
    try {
      Instant expiry = Instant.parse(space < 0 ? header : header.substring(0, space));
      long version = space < 0 ? 0 : Long.parseLong(header.substring(space + 1));
      return builder().data(text.substring(newline + 1)).expiry(expiry).version(version).build();
    } catch (DateTimeParseException | NumberFormatException ex) {
      throw new UnreadableSessionDataException("stored session has an unreadable header", ex);
    }
  }

  /**
   * The version of a record written by {@link #toText()}, or {@link #UNREADABLE_VERSION} when the
   * text is not such a record; for storages that compare versions before they replace.
   */
  public static long versionOf(String text) {
    try {
      return fromText(text).version();
    } catch (UnreadableSessionDataException ex) {
      return UNREADABLE_VERSION;
    }
  }

  @Override
  public String toString() {
    return "StoredRecord[version="
        + version
        + ", expiry="
        + expiry
        + ", "
        + data.length()
        + " chars]";
  }

  /** Builds a {@link StoredRecord}; data and expiry are required, the version defaults to 0. */
  public static final class Builder {

    private @Nullable String data;
    private @Nullable Instant expiry;
    private long version;

    private Builder() {}

    public Builder data(String data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    public Builder expiry(Instant expiry) {
      this.expiry = Objects.requireNonNull(expiry, "expiry");
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public StoredRecord build() {
      return new StoredRecord(this);
    }
  }
}
