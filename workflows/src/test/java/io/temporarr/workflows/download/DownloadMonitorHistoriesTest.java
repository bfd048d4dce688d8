package io.temporarr.workflows.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.WorkflowIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorded monitor histories (ReplayTest replays them) hold both sides of {@link
 * DownloadMonitorWorkflowImpl#SHARED_DOWNLOADS_CHANGE}.
 */
class DownloadMonitorHistoriesTest {

  @Test
  void beforeTheChangeADownloadWhoseRequestChangedBackWasSignalledAgain() throws IOException {
    List<HistoryEvent> before = events("monitor-request-changes.json");

    // r1, r2; r3; r1 again (its snapshot was forgotten once r3's was sent); r2 after the relisting.
    // The current implementation, deciding per request, would signal r1 only once: 4 signals.
    assertThat(TemporalTestSupport.versionChanges(before))
        .doesNotContain(DownloadMonitorWorkflowImpl.SHARED_DOWNLOADS_CHANGE);
    assertThat(signals(before)).isEqualTo(5);
  }

  @Test
  void afterTheChangeEachRequestOfASharedDownloadIsSignalledOncePerChange() throws IOException {
    List<HistoryEvent> after = events("monitor-shared-download.json");

    // r1 and r2 at 0.1; nothing for the unchanged repeat; both at 0.5; r2 after the relisting.
    assertThat(TemporalTestSupport.versionChanges(after))
        .contains(DownloadMonitorWorkflowImpl.SHARED_DOWNLOADS_CHANGE);
    assertThat(signals(after)).isEqualTo(5);
  }

  private static List<HistoryEvent> events(String file) throws IOException {
    try (InputStream in =
        DownloadMonitorHistoriesTest.class.getResourceAsStream("/histories/" + file)) {
      assertThat(in).as(file).isNotNull();
      return WorkflowExecutionHistory.fromJson(
              new String(in.readAllBytes(), StandardCharsets.UTF_8),
              WorkflowIds.downloadMonitor(MonitorScenarios.CLIENT))
          .getEvents();
    }
  }

  private static long signals(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasSignalExternalWorkflowExecutionInitiatedEventAttributes)
        .count();
  }
}
