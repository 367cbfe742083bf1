package dev.sessionkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so expiry is tested by moving time rather than
 * by sleeping.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
 * SessionSettings settings = SessionSettings.builder().clock(clock).build();
 * clock.advance(Duration.ofDays(15));   // every session saved before has now expired
 * }</pre>
 *
 * <p>Thread-safe. Copies made by {@link #withZone(ZoneId)} share the same time.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock in UTC at the current instant, truncated to whole seconds. */
  public MutableClock() {
    this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** A clock in UTC showing {@code start} until it is moved; same as {@link #at(Instant)}. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC showing {@code start} until it is moved. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /** Moves the clock forward by {@code amount} (backward if it is negative). */
  public void advance(Duration amount) {
    now.updateAndGet(instant -> instant.plus(amount));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
