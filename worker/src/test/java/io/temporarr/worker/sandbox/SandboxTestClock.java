package io.temporarr.worker.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the sandbox tests move by hand, so simulated downloads progress without sleeping. */
final class SandboxTestClock extends Clock {

  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private Instant now = START;

  void advance(Duration duration) {
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
    throw new UnsupportedOperationException("the sandbox works in UTC");
  }
}
