package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoriesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  @Test
  void findsWhenTheFirstActivityOfATypeWasScheduledAndStartedByItsScheduledEvent() {
    HistoryFixtures h = new HistoryFixtures().task();
    long verify = h.nextId();
    h.scheduled("VerifyDownload", T0);
    long firstImport = h.nextId();
    h.scheduled("ImportMedia", T0.plusMillis(10));
    long secondImport = h.nextId();
    h.scheduled("ImportMedia", T0.plusMillis(20))
        .started(secondImport, T0.plusMillis(25))
        .started(verify, T0.plusMillis(5))
        .started(firstImport, T0.plusMillis(30));

    assertThat(Histories.firstScheduled(h.events(), "ImportMedia")).contains(T0.plusMillis(10));
    assertThat(Histories.firstStarted(h.events(), "ImportMedia")).contains(T0.plusMillis(30));
    assertThat(Histories.firstStarted(h.events(), "VerifyDownload")).contains(T0.plusMillis(5));
  }

  @Test
  void isEmptyForAnActivityNeverScheduledOrNotStartedYet() {
    List<io.temporal.api.history.v1.HistoryEvent> events =
        new HistoryFixtures().task().scheduled("Search", T0).events();

    assertThat(Histories.firstScheduled(events, "ImportMedia")).isEmpty();
    assertThat(Histories.firstStarted(events, "ImportMedia")).isEmpty();
    assertThat(Histories.firstStarted(events, "Search")).isEmpty();
  }

  @Test
  void keepsNanosecondsOfTheEventTime() {
    var event = new HistoryFixtures().task().scheduled("Search", T0).events().get(1);

    assertThat(Histories.time(event)).isEqualTo(T0);
  }

  @Test
  void countsScheduledActivitiesAndSignals() {
    List<io.temporal.api.history.v1.HistoryEvent> events =
        new HistoryFixtures()
            .task()
            .scheduled("A")
            .scheduled("B")
            .signal("x")
            .signal("y")
            .started(2, T0)
            .events();

    assertThat(Histories.activitiesScheduled(events)).isEqualTo(2);
    assertThat(Histories.signals(events)).isEqualTo(2);
  }
}
