package io.temporarr.workflows.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history (see {@link HistoryGenerator}) against the current implementation:
 * a change that would break requests already in flight fails here.
 */
class ReplayTest {
  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void registerCurrentImplementation() {
    env = TemporalTestSupport.newEnvironment();
    // The deadlock detector guards against blocking calls in live workflow tasks; on a loaded
    // machine the first replay (loading every class the workflow touches) can take over its 1 s
    // default without any blocking in the code. Determinism, what this test is about, is
    // unaffected.
    worker =
        env.newWorker(
            TaskQueues.MEDIA_REQUESTS,
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    worker.registerWorkflowImplementationTypes(
        TemporalTestSupport.implementationOptions(),
        MediaRequestWorkflowImpl.class,
        DownloadMonitorWorkflowImpl.class);
  }

  private static Path directory() throws URISyntaxException {
    return Path.of(ReplayTest.class.getResource("/histories").toURI());
  }

  private static Properties index() throws IOException, URISyntaxException {
    Properties index = new Properties();
    try (Reader in = Files.newBufferedReader(directory().resolve(HistoryGenerator.INDEX))) {
      index.load(in);
    }
    return index;
  }

  @AfterAll
  static void close() {
    env.close();
  }

  static Stream<Path> histories() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void historiesOfEveryKeyPathAreRecordedWithTheirWorkflowIds() throws Exception {
    assertThat(histories().map(p -> p.getFileName().toString()))
        .containsAll(
            List.of(
                "movie-happy-path.json",
                "movie-happy-path-retired.json",
                "movie-stalled-next-release.json",
                "movie-early-progress-dropped.json",
                "movie-early-progress.json",
                "movie-happy-path-changed-attributes.json",
                "tv-parent-two-seasons.json",
                "tv-season-child.json",
                "tv-parent-changed-attributes.json",
                "tv-season-child-changed-attributes.json",
                "monitor-request-changes.json",
                "monitor-shared-download.json",
                "movie-queued-judged-stalled.json",
                "movie-queued-kept.json"));
    assertThat(index().stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(
            histories().map(p -> p.getFileName().toString()).toList());
    assertThat(index().getProperty("tv-season-child.json"))
        .isEqualTo("media-request:seerr:tv-7:s1");
  }

  @Test
  void bothSidesOfTheChangedAttributesChangeAreRecorded() throws Exception {
    // Before the change: every attribute upserted at start, state and stage again by the first
    // transition; after it: a version marker, and no upsert until the stage changes.
    List<HistoryEvent> before = events("movie-happy-path-retired.json");
    List<HistoryEvent> after = events("movie-happy-path-changed-attributes.json");

    assertThat(RequestTestEnv.versionChanges(before))
        .doesNotContain(RequestVisibility.CHANGED_ATTRIBUTES_CHANGE);
    assertThat(upserts(before)).isEqualTo(6);
    assertThat(RequestTestEnv.versionChanges(after))
        .startsWith(RequestVisibility.CHANGED_ATTRIBUTES_CHANGE);
    assertThat(upserts(after)).isEqualTo(4);
  }

  @Test
  void bothSidesOfTheQueuedNotStalledChangeAreRecorded() throws Exception {
    // Before the change: the queued download was removed at its first check; after it: a version
    // marker, the download checked again and kept.
    List<HistoryEvent> before = events("movie-queued-judged-stalled.json");
    List<HistoryEvent> after = events("movie-queued-kept.json");

    assertThat(RequestTestEnv.versionChanges(before))
        .doesNotContain(DownloadWatch.QUEUED_NOT_STALLED_CHANGE);
    assertThat(activities(before, "RemoveDownload")).isEqualTo(1);
    assertThat(RequestTestEnv.versionChanges(after))
        .contains(DownloadWatch.QUEUED_NOT_STALLED_CHANGE);
    assertThat(activities(after, "RemoveDownload")).isZero();
    assertThat(activities(after, "DownloadStatus")).isEqualTo(3);
  }

  private static long activities(List<HistoryEvent> events, String type) {
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(type))
        .count();
  }

  private static List<HistoryEvent> events(String file) throws Exception {
    return WorkflowExecutionHistory.fromJson(
            Files.readString(directory().resolve(file)), index().getProperty(file))
        .getEvents();
  }

  private static long upserts(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes)
        .count();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void recordedHistoryReplaysAgainstTheCurrentImplementation(Path file) throws Exception {
    String workflowId = index().getProperty(file.getFileName().toString());
    assertThat(workflowId).as("workflow ID of %s in %s", file, HistoryGenerator.INDEX).isNotNull();
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file), workflowId);

    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(history, worker))
        .doesNotThrowAnyException();
  }
}
