package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    var event = new HistoryFixtures().task().scheduled("Search", T0).events().get(2);

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
            .started(3, T0)
            .events();

    assertThat(Histories.activitiesScheduled(events)).isEqualTo(2);
    assertThat(Histories.signals(events)).isEqualTo(2);
  }

  @Test
  void milestonesStartAtTheLastSignalBeforeTheStatusCheckAndEndWhenTheImportStarted() {
    HistoryFixtures h = new HistoryFixtures().task();
    long add = h.nextId();
    h.scheduled("AddDownload", T0).completed(add, T0.plusMillis(1));
    h.signal("downloadProgress", T0.plusMillis(2)).signal("downloadFinished", T0.plusMillis(3));
    h.task(T0.plusMillis(4));
    long status = h.nextId();
    h.scheduled("DownloadStatus", T0.plusMillis(4))
        .started(status, T0.plusMillis(5))
        .completed(status, T0.plusMillis(6))
        .signal("downloadProgress", T0.plusMillis(7))
        .task();
    long verify = h.nextId();
    h.scheduled("VerifyDownload", T0.plusMillis(8))
        .started(verify, T0.plusMillis(9))
        .completed(verify, T0.plusMillis(10))
        .task();
    long importing = h.nextId();
    h.scheduled("ImportMedia", T0.plusMillis(11)).started(importing, T0.plusMillis(12));

    Map<String, Instant> milestones = Histories.importMilestones(h.events());

    assertThat(milestones.keySet())
        .containsExactly(
            "signal downloadFinished",
            "DownloadStatus task started",
            "DownloadStatus scheduled",
            "DownloadStatus started",
            "DownloadStatus completed",
            "VerifyDownload task started",
            "VerifyDownload scheduled",
            "VerifyDownload started",
            "VerifyDownload completed",
            "ImportMedia task started",
            "ImportMedia scheduled",
            "ImportMedia started");
    assertThat(milestones.get("signal downloadFinished")).isEqualTo(T0.plusMillis(3));
    assertThat(milestones.get("DownloadStatus task started")).isEqualTo(T0.plusMillis(4));
    assertThat(milestones.get("ImportMedia started")).isEqualTo(T0.plusMillis(12));
  }

  @Test
  void milestonesLeaveOutWhatDidNotHappen() {
    List<io.temporal.api.history.v1.HistoryEvent> events =
        new HistoryFixtures().task().scheduled("AddDownload", T0).signal("x", T0).events();

    assertThat(Histories.importMilestones(events)).isEmpty();
  }
}
