package io.temporarr.workflows.request.internal;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestSearchAttributes;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.SeasonStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A TV request with seasons: one child request per season, all in parallel, each running the whole
 * pipeline for its season. The parent waits for all of them, then marks the completed seasons
 * available and notifies once: Completed when every season completed, else Failed.
 */
final class SeasonFanOut {
  private final Map<Integer, SeasonStatus> seasons = new TreeMap<>();
  private final List<String> importedFiles = new ArrayList<>();
  private final MediaRequestInput input;
  private final String workflowId;
  private final RequestLifecycle lifecycle;
  private final RequestFailures failures;
  private final SideEffects sideEffects;

  SeasonFanOut(
      MediaRequestInput input,
      String workflowId,
      RequestLifecycle lifecycle,
      RequestFailures failures,
      SideEffects sideEffects) {
    this.input = input;
    this.workflowId = workflowId;
    this.lifecycle = lifecycle;
    this.failures = failures;
    this.sideEffects = sideEffects;
  }

  List<SeasonStatus> statuses() {
    return List.copyOf(seasons.values());
  }

  /** The files every completed season imported. */
  List<String> importedFiles() {
    return importedFiles;
  }

  /**
   * Runs one child per season with the parent's policy and waits for all of them.
   *
   * @param withAttributes start each child with its search attributes set (listable at once)
   */
  void run(RequestPolicy policy, boolean withAttributes) {
    List<Integer> numbers = input.seasons().stream().distinct().sorted().toList();
    if (input.carryOver() == null) {
      sideEffects.notifyAll(
          RequestEvent.STARTED, "Request received for season(s) " + numbers + ".");
    }
    List<Promise<Void>> ended = new ArrayList<>();
    for (int season : numbers) {
      ended.add(start(season, policy, withAttributes));
    }
    lifecycle.audit(Causes.SEASONS_STARTED, "season(s) " + numbers);
    Promise.allOf(ended).get();
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("request cancelled");
    }
    finish(numbers);
  }

  private Promise<Void> start(int season, RequestPolicy policy, boolean withAttributes) {
    String childId = WorkflowIds.season(workflowId, season);
    MediaRequestInput seasonInput = input.forSeason(season, policy);
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
            // Cancelling the parent waits for each child's compensation (download removed).
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED);
    if (withAttributes) {
      // Listable at once, and the child has nothing to upsert until its first transition.
      options.setTypedSearchAttributes(RequestSearchAttributes.atStart(seasonInput));
    }
    MediaRequestWorkflow seasonRequest =
        Workflow.newChildWorkflowStub(MediaRequestWorkflow.class, options.build());
    seasons.put(season, new SeasonStatus(season, childId, RequestState.ACTIVE));
    return Async.function(seasonRequest::run, seasonInput)
        .handle(
            (result, failure) -> {
              ended(season, childId, result, failure);
              return null;
            });
  }

  private void ended(
      int season, String childId, MediaRequestResult result, RuntimeException failure) {
    RequestState state;
    if (result != null) {
      state = result.state();
      importedFiles.addAll(result.importedFiles());
    } else {
      state = isCancellation(failure) ? RequestState.CANCELLED : RequestState.FAILED;
      if (state == RequestState.FAILED) {
        failures.record(failures.describe(failure, null));
      }
    }
    seasons.put(season, new SeasonStatus(season, childId, state));
  }

  private void finish(List<Integer> numbers) {
    List<Integer> completed =
        seasons.values().stream()
            .filter(s -> s.state() == RequestState.COMPLETED)
            .map(SeasonStatus::season)
            .toList();
    lifecycle.transition(
        RequestState.ACTIVE, RequestStage.NOTIFY, Causes.SEASONS_FINISHED, summary());
    if (!completed.isEmpty()) {
      sideEffects.markAvailable(completed);
    }
    String title = SideEffects.displayTitle(input);
    if (completed.size() == numbers.size()) {
      sideEffects.notifyAll(
          RequestEvent.COMPLETED,
          title + " season(s) " + completed + " are available in the library.");
      lifecycle.transition(RequestState.COMPLETED, RequestStage.NOTIFY, Causes.NOTIFIED, summary());
    } else {
      lifecycle.transition(
          RequestState.FAILED, RequestStage.NOTIFY, Causes.SEASONS_INCOMPLETE, summary());
      sideEffects.notifyAll(RequestEvent.FAILED, title + " is incomplete: " + summary() + ".");
    }
  }

  private String summary() {
    return seasons.values().stream()
        .map(s -> "S" + s.season() + " " + s.state().keyword())
        .collect(Collectors.joining(", "));
  }

  private static boolean isCancellation(RuntimeException failure) {
    return failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure;
  }
}
