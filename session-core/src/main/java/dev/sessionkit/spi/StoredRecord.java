package dev.sessionkit.spi;

import dev.sessionkit.UnreadableSessionDataException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A session as a storage keeps it: the encoded data, the instant it expires, a version that every
 * replace moves on (so that a save can tell whether another request saved meanwhile), and what a
 * user's list of sessions shows: the name of the principal logged in to it, when it was created and
 * when it was last saved. Immutable; built with {@link #builder()} so that fields added later break
 * no backend.
 *
 * <p>Storages that keep one string per session (files, caches) use {@link #toText()} and {@link
 * #fromText(String)}: a header line {@code <expiry> <version> <created> <saved> <principal>}, then
 * the data; an absent field is {@code -}, and the principal's name is in URL-safe Base64 so that no
 * name can break the line. A header of only {@code <expiry> <version>} (sessionkit 0.2) or {@code
 * <expiry>} (0.1, version 0) still reads.
 */
public final class StoredRecord {

  /**
   * The version the engine expects of a record it could not read: {@link SessionStorage#replace}
   * with this version replaces the stored record only while that, too, cannot be read.
   */
  public static final long UNREADABLE_VERSION = -1;

  private static final Base64.Encoder NAME_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder NAME_DECODER = Base64.getUrlDecoder();

  private final String data;
  private final Instant expiry;
  private final long version;
  private final @Nullable String principal;
  private final @Nullable Instant created;
  private final @Nullable Instant saved;

  private StoredRecord(Builder builder) {
    this.data = Objects.requireNonNull(builder.data, "data");
    this.expiry = Objects.requireNonNull(builder.expiry, "expiry");
    this.version = builder.version;
    this.principal = builder.principal;
    this.created = builder.created;
    this.saved = builder.saved;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields. */
  public Builder toBuilder() {
    return new Builder()
        .data(data)
        .expiry(expiry)
        .version(version)
        .principal(principal)
        .created(created)
        .saved(saved);
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

  /** The name of the principal logged in to the session, or null when none is. */
  public @Nullable String principal() {
    return principal;
  }

  /** When the session was created, or null when unknown (stored by an older release). */
  public @Nullable Instant created() {
    return created;
  }

  /** When the session was last saved, or null when unknown (stored by an older release). */
  public @Nullable Instant saved() {
    return saved;
  }

  /** Whether the record has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !expiry.isAfter(now);
  }

  /**
   * This record as one text: the header line {@code <expiry> <version> <created> <saved>
   * <principal>}, then the data.
   */
  public String toText() {
    return expiry
        + " "
        + version
        + " "
        + orDash(created)
        + " "
        + orDash(saved)
        + " "
        + (principal == null ? "-" : NAME_ENCODER.encodeToString(utf8(principal)))
        + "\n"
        + data;
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
    String[] fields = text.substring(0, newline).split(" ", -1);
    if (fields.length > 5 || fields.length == 3 || fields.length == 4) {
      throw new UnreadableSessionDataException("stored session has an unreadable header");
    }
    try {
      Builder builder =
          builder()
              .data(text.substring(newline + 1))
              .expiry(parseInstant(fields[0]))
              .version(fields.length > 1 ? Long.parseLong(fields[1]) : 0);
      if (fields.length == 5) {
        builder
            .created(instantOrNull(fields[2]))
            .saved(instantOrNull(fields[3]))
            .principal(
                fields[4].equals("-")
                    ? null
                    : new String(NAME_DECODER.decode(fields[4]), StandardCharsets.UTF_8));
      }
      return builder.build();
    } catch (DateTimeParseException | IllegalArgumentException ex) {
      throw new UnreadableSessionDataException("stored session has an unreadable header", ex);
    }
  }

  private static String orDash(@Nullable Instant instant) {
    return instant == null ? "-" : instant.toString();
  }

  private static @Nullable Instant instantOrNull(String field) {
    return field.equals("-") ? null : parseInstant(field);
  }

  /**
   * {@link Instant#parse(CharSequence)}, a few times faster for what {@link Instant#toString()}
   * writes for years 0000 to 9999 ({@code 2030-01-15T00:00:00Z}, with 3, 6 or 9 fraction digits or
   * none), which a load reads three of; any other text goes to {@code Instant.parse}.
   */
  static Instant parseInstant(String text) {
    int length = text.length();
    if ((length != 20 && length != 24 && length != 27 && length != 30)
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return Instant.parse(text);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    int nanos = fraction;
    for (int digits = length - 21; digits < 9; digits++) {
      nanos *= 10;
    }
    return Instant.ofEpochSecond(
        epochDay * 86_400 + hour * 3_600L + minute * 60L + second, length > 20 ? nanos : 0);
  }

  /** The decimal number in {@code text} from {@code from} to {@code to}, or -1 if not digits. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
        + (principal == null ? "" : ", with a principal")
        + ", expiry="
        + expiry
        + ", "
        + data.length()
        + " chars]";
  }

  /**
   * Builds a {@link StoredRecord}; data and expiry are required, the version defaults to 0, the
   * principal and the timestamps to none.
   */
  public static final class Builder {

    private @Nullable String data;
    private @Nullable Instant expiry;
    private long version;
    private @Nullable String principal;
    private @Nullable Instant created;
    private @Nullable Instant saved;

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

    /** The principal's name, or null (a blank name counts as none). */
    public Builder principal(@Nullable String principal) {
      this.principal = principal == null || principal.isBlank() ? null : principal;
      return this;
    }

    public Builder created(@Nullable Instant created) {
      this.created = created;
      return this;
    }

    public Builder saved(@Nullable Instant saved) {
      this.saved = saved;
      return this;
    }

    public StoredRecord build() {
      return new StoredRecord(this);
    }
  }
}
