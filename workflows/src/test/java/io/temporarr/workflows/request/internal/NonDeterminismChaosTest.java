package io.temporarr.workflows.request.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadMonitorInput;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 6: a deliberately non-deterministic change is caught by the replay tests before it
 * is deployed. Every history {@link ReplayTest} replays is replayed twice here: against the current
 * implementation (must pass, as in ReplayTest) and against {@link ReorderedMediaRequestWorkflow}
 * and {@link ReorderedDownloadMonitorWorkflow}, variants that insert a timer before the first
 * command without {@code Workflow.getVersion}: the kind of edit that breaks requests already in
 * flight. Each history must reject the variant with a {@link NonDeterministicException}; one that
 * let it through would mean the recorded histories no longer guard deploys.
 */
@Tag("chaos")
@Timeout(120)
class NonDeterminismChaosTest {

  /** The unsafe edit: a new timer before the workflow's first command, with no version marker. */
  public static class ReorderedMediaRequestWorkflow extends MediaRequestWorkflowImpl {
    @WorkflowInit
    public ReorderedMediaRequestWorkflow(MediaRequestInput input) {
      super(input);
    }

    @Override
    public MediaRequestResult run(MediaRequestInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(input);
    }
  }

  /** The same unsafe edit in the shared download monitor, whose histories are recorded too. */
  public static class ReorderedDownloadMonitorWorkflow extends DownloadMonitorWorkflowImpl {
    @Override
    public void run(DownloadMonitorInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      super.run(input);
    }
  }

  @Test
  void everyRecordedHistoryRejectsTheNonDeterministicVariantAndAcceptsTheRealImplementation()
      throws Exception {
    List<Path> histories = ReplayTest.histories().toList();
    Properties index = new Properties();
    try (Reader in =
        Files.newBufferedReader(histories.get(0).resolveSibling(HistoryGenerator.INDEX))) {
      index.load(in);
    }
    assertThat(histories).as("recorded histories").isNotEmpty();
    List<String> realFailures = new ArrayList<>();
    List<String> variantMissed = new ArrayList<>();
    int caught = 0;
    try (TestWorkflowEnvironment realEnv = TemporalTestSupport.newEnvironment();
        TestWorkflowEnvironment variantEnv = TemporalTestSupport.newEnvironment()) {
      Worker real = realEnv.newWorker(TaskQueues.MEDIA_REQUESTS);
      real.registerWorkflowImplementationTypes(
          TemporalTestSupport.implementationOptions(),
          MediaRequestWorkflowImpl.class,
          DownloadMonitorWorkflowImpl.class);
      Worker variant = variantEnv.newWorker(TaskQueues.MEDIA_REQUESTS);
      variant.registerWorkflowImplementationTypes(
          TemporalTestSupport.implementationOptions(),
          ReorderedMediaRequestWorkflow.class,
          ReorderedDownloadMonitorWorkflow.class);

      for (Path file : histories) {
        String name = file.getFileName().toString();
        String json = Files.readString(file);
        String workflowId = index.getProperty(name);
        try {
          WorkflowReplayer.replayWorkflowExecution(
              WorkflowExecutionHistory.fromJson(json, workflowId), real);
        } catch (Exception | Error e) {
          realFailures.add(name + ": " + e);
        }
        Throwable rejection = null;
        try {
          WorkflowReplayer.replayWorkflowExecution(
              WorkflowExecutionHistory.fromJson(json, workflowId), variant);
        } catch (Exception | Error e) {
          rejection = e;
        }
        if (rejection != null && causedByNonDeterminism(rejection)) {
          caught++;
        } else {
          variantMissed.add(name + ": " + rejection);
        }
      }
    }
    System.out.printf(
        "chaos 6 (replay before deploy): histories=%d real-implementation-replayed=%d"
            + " non-deterministic-variant-caught=%d missed=%d%n",
        histories.size(), histories.size() - realFailures.size(), caught, variantMissed.size());
    assertThat(realFailures).as("histories the real implementation fails to replay").isEmpty();
    assertThat(variantMissed)
        .as("histories that let the non-deterministic variant through")
        .isEmpty();
  }

  private static boolean causedByNonDeterminism(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // The replayer reports it as the cause, or (query-based replay) inside the message.
      if (t instanceof NonDeterministicException
          || String.valueOf(t.getMessage()).contains(NonDeterministicException.class.getName())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aRejectionWithoutNonDeterminismInItsCausesIsNotCountedAsCaught() {
    assertThat(causedByNonDeterminism(new IllegalStateException("other"))).isFalse();
    assertThat(
            causedByNonDeterminism(
                new RuntimeException(new NonDeterministicException("replay mismatch"))))
        .isTrue();
    assertThat(
            causedByNonDeterminism(
                new RuntimeException(
                    "query failure, error=" + NonDeterministicException.class.getName() + ": x")))
        .isTrue();
  }
}
