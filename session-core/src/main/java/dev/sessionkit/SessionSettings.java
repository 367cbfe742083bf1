package dev.sessionkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every store needs besides its storage: the default session lifetime, whether sessions end
 * when the browser closes, the data codec and the clock. Immutable.
 *
 * <pre>{@code
 * SessionSettings settings = SessionSettings.builder().maxAge(Duration.ofHours(8)).build();
 * }</pre>
 */
public final class SessionSettings {

  /** Django's default session lifetime: two weeks (1,209,600 seconds). */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

  /**
   * The default largest encoded session: 128 KiB. A session is read on every request that touches
   * it, so this is far beyond a cart of hundreds of lines or a security context (a few KiB each)
   * while keeping a runaway session from slowing every request; data larger than that belongs in
   * the database, with only its identifier in the session.
   */
  public static final int DEFAULT_MAX_SIZE = 128 * 1024;

  private static final SessionSettings DEFAULTS = builder().build();

  private final Duration maxAge;
  private final boolean expireAtBrowserClose;
  private final SessionCodec codec;
  private final Clock clock;
  private final int maxSize;

  private SessionSettings(Builder builder) {
    this.maxAge = builder.maxAge;
    this.expireAtBrowserClose = builder.expireAtBrowserClose;
    this.codec = builder.codec;
    this.clock = builder.clock;
    this.maxSize = builder.maxSize;
  }

  /** Two weeks, sessions outlive the browser, JSON, the system clock. */
  public static SessionSettings defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long a session lives after its last save, unless it sets its own expiry. */
  public Duration maxAge() {
    return maxAge;
  }

  /** Whether sessions without their own expiry end when the browser closes. */
  public boolean expireAtBrowserClose() {
    return expireAtBrowserClose;
  }

  /** How session data is encoded for storage. */
  public SessionCodec codec() {
    return codec;
  }

  /** The clock every expiry is computed against. */
  public Clock clock() {
    return clock;
  }

  /**
   * The largest encoded session, in bytes (UTF-8): a save of a larger one throws {@link
   * SessionTooLargeException} and writes nothing.
   */
  public int maxSize() {
    return maxSize;
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .maxAge(maxAge)
        .expireAtBrowserClose(expireAtBrowserClose)
        .codec(codec)
        .clock(clock)
        .maxSize(maxSize);
  }

  /** Builds {@link SessionSettings}; every property starts at its default. */
  public static final class Builder {

    private Duration maxAge = DEFAULT_MAX_AGE;
    private boolean expireAtBrowserClose;
    private SessionCodec codec = new JsonSessionCodec();
    private Clock clock = Clock.systemUTC();
    private int maxSize = DEFAULT_MAX_SIZE;

    private Builder() {}

    /**
     * Sets the largest encoded session, in bytes.
     *
     * @throws IllegalArgumentException unless at least 1,024 bytes
     */
    public Builder maxSize(int maxSize) {
      if (maxSize < 1024) {
        throw new IllegalArgumentException("maxSize must be at least 1024 bytes, was " + maxSize);
      }
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets how long a session lives after its last save.
     *
     * @throws IllegalArgumentException unless at least one second
     */
    public Builder maxAge(Duration maxAge) {
      if (maxAge.getSeconds() < 1) {
        throw new IllegalArgumentException("maxAge must be at least one second, was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** Sets whether sessions without their own expiry end when the browser closes. */
    public Builder expireAtBrowserClose(boolean expireAtBrowserClose) {
      this.expireAtBrowserClose = expireAtBrowserClose;
      return this;
    }

    /** Sets the codec for session data. */
    public Builder codec(SessionCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** Sets the clock, so tests can move time instead of sleeping. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SessionSettings build() {
      return new SessionSettings(this);
    }
  }
}
