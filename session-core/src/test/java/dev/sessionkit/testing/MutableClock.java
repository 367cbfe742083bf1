package dev.sessionkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so expiry is tested without waiting. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** A clock at the current instant, truncated to whole seconds. */
  public MutableClock() {
    this(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward by {@code duration}. */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
