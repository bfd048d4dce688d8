package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowShapeTest {

  /** A happy-path movie request: search, add, wait for the monitor, then the rest. */
  private static HistoryFixtures movieRequest() {
    return new HistoryFixtures()
        .task()
        .scheduled("Search")
        .task()
        .scheduled("AddDownload")
        .signal("downloadProgress")
        .task()
        .scheduled("DownloadStatus")
        .signal("downloadProgress")
        .task()
        .scheduled("VerifyDownload")
        .task()
        .scheduled("ImportMedia")
        .task()
        .scheduled("SendNotification")
        .scheduled("SendNotification");
  }

  @Test
  void groupsActivitiesByTheWorkflowTaskThatScheduledThemAndSplitsAtTheFirstSignal() {
    WorkflowShape shape = WorkflowShape.of(movieRequest().events());

    assertThat(shape.beforeSignal()).containsExactly(1, 1);
    assertThat(shape.afterSignal()).containsExactly(1, 1, 1, 2);
    assertThat(shape.signals()).isEqualTo(2);
    assertThat(shape.activities()).isEqualTo(7);
  }

  @Test
  void aSignalBetweenActivitiesOfOneTaskStartsANewGroup() {
    HistoryFixtures history =
        new HistoryFixtures().task().scheduled("A").signal("s").scheduled("B");

    WorkflowShape shape = WorkflowShape.of(history.events());

    assertThat(shape.beforeSignal()).containsExactly(1);
    assertThat(shape.afterSignal()).containsExactly(1);
  }

  @Test
  void rejectsAHistoryWithoutActivitiesBeforeTheFirstSignal() {
    HistoryFixtures history = new HistoryFixtures().signal("s").task().scheduled("A");

    assertThatThrownBy(() -> WorkflowShape.of(history.events()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no activity before the first signal");
  }

  @Test
  void theBareInputCarriesTheShapeAndTheWaitTimeout() {
    BareRequestInput input =
        BareRequestInput.of(new WorkflowShape(List.of(1, 1), List.of(3), 1), Duration.ofMinutes(2));

    assertThat(input.beforeSignal()).containsExactly(1, 1);
    assertThat(input.afterSignal()).containsExactly(3);
    assertThat(input.waitTimeout()).hasMinutes(2);
  }

  @Test
  void describesTheSequenceWithParallelActivitiesJoinedAndSignalsMarked() {
    assertThat(Histories.activitySequence(movieRequest().events()))
        .isEqualTo(
            "Search, AddDownload | DownloadStatus | VerifyDownload, ImportMedia,"
                + " SendNotification+SendNotification");
  }
}
