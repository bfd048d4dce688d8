package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BareActivitiesImplTest {

  /** A clock the test moves. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void reportsARegisteredDownloadUntilItsDurationPassedThenOnceCompleteAndForgetsIt() {
    ManualClock clock = new ManualClock();
    BareActivitiesImpl activities = new BareActivitiesImpl(Duration.ofSeconds(1), clock);

    activities.step("wf-1", true);
    activities.step("wf-1", true); // a retried registration keeps the first time
    activities.step("wf-2", false);

    assertThat(activities.poll()).containsExactly(new BareProgress("wf-1", false));
    clock.now = clock.now.plusMillis(999);
    assertThat(activities.poll()).containsExactly(new BareProgress("wf-1", false));
    clock.now = clock.now.plusMillis(1);
    assertThat(activities.poll()).containsExactly(new BareProgress("wf-1", true));
    assertThat(activities.poll()).isEmpty();
  }
}
