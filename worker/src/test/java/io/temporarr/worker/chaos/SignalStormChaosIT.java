package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 5: duplicate and out-of-order storms against the real dev server and the sandbox
 * worker, {@code -Dchaos.storm} requests (default 3) per kind:
 *
 * <ul>
 *   <li><b>early</b>: ten completion signals (signal-with-start) before any download is registered;
 *   <li><b>x10</b>: the same completion signal (same event ID) ten times at once for the real
 *       download;
 *   <li><b>race</b>: a cancel racing a completion signal.
 * </ul>
 *
 * Each request has exactly one outcome (early and x10: Completed; race: Completed or Cancelled), at
 * most one completion notification key, and no workflow is left waiting without an activity or a
 * timer.
 */
@Tag("chaos")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SignalStormChaosIT {
  private static final int STORM = Integer.getInteger("chaos.storm", 3);
  private static final String FAKE_HASH = "0".repeat(40);

  @Test
  void duplicateAndOutOfOrderSignalsGiveExactlyOneOutcomeAndNoStuckWorkflow() throws Exception {
    try (ChaosStack stack = ChaosStack.sandbox("signal-storm", Duration.ofSeconds(10))) {
      WorkflowClient client = stack.client();
      List<String> early = new ArrayList<>();
      List<String> tenfold = new ArrayList<>();
      List<String> race = new ArrayList<>();
      for (int i = 1; i <= STORM; i++) {
        String id = WorkflowIds.mediaRequest("seerr", "early-" + i);
        early.add(id);
        WorkflowStub stub =
            client.newUntypedWorkflowStub(
                "MediaRequestWorkflow",
                io.temporal.client.WorkflowOptions.newBuilder()
                    .setWorkflowId(id)
                    .setTaskQueue(io.temporarr.workflows.common.TaskQueues.MEDIA_REQUESTS)
                    .build());
        stub.signalWithStart(
            "downloadFinished",
            new Object[] {new DownloadFinished("early-0", FAKE_HASH, "/nowhere")},
            new Object[] {input("early-" + i)});
        MediaRequestWorkflow typed = client.newWorkflowStub(MediaRequestWorkflow.class, id);
        for (int s = 1; s < 10; s++) {
          typed.downloadFinished(new DownloadFinished("early-" + s, FAKE_HASH, "/nowhere"));
        }
      }

      // Each storm's request starts only when its turn comes: a request started up front could
      // finish its 10 s download by polling before its storm, and the storm would test nothing.
      for (int i = 1; i <= STORM; i++) {
        String id = start(stack, "tenfold-" + i);
        tenfold.add(id);
        String hash = awaitDownload(client, id);
        MediaRequestWorkflow typed = client.newWorkflowStub(MediaRequestWorkflow.class, id);
        CompletableFuture.allOf(
                IntStream.range(0, 10)
                    .mapToObj(
                        n ->
                            CompletableFuture.runAsync(
                                () ->
                                    typed.downloadFinished(
                                        new DownloadFinished("done-" + id, hash, ""))))
                    .toArray(CompletableFuture[]::new))
            .get(2, TimeUnit.MINUTES);
      }
      List<String> cancelRejected = new ArrayList<>();
      List<String> signalAfterClose = new ArrayList<>();
      for (int i = 0; i < STORM; i++) {
        String id = start(stack, "race-" + (i + 1));
        race.add(id);
        String hash = awaitDownload(client, id);
        // Spread the races across the download (0, 3, 6, 9 s after it was registered; the sandbox
        // download takes 10 s): early ones race a premature hint, later ones a real completion.
        Duration offset = Duration.ofSeconds(3L * (i % 4));
        await().pollDelay(offset).atMost(offset.plusSeconds(1)).until(() -> true);
        MediaRequestWorkflow typed = client.newWorkflowStub(MediaRequestWorkflow.class, id);
        CompletableFuture<Void> finish =
            CompletableFuture.runAsync(
                () -> typed.downloadFinished(new DownloadFinished("race-" + id, hash, "")));
        CompletableFuture<Void> cancel =
            CompletableFuture.runAsync(
                () -> typed.cancel(new OperatorAction("cancel-" + id, "chaos", "race")));
        try {
          finish.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
          // The request closed (completed on its own, or cancelled) before the signal arrived: a
          // legitimate end of the race, as long as the outcome below is one of the two.
          assertThat(e.getCause()).isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
          signalAfterClose.add(id);
        }
        try {
          cancel.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException rejected) {
          // The validator may refuse a cancel once the request is past its download: one outcome.
          cancelRejected.add(id);
        }
      }

      Map<String, RequestState> outcomeOf =
          stack.outcomes(concat(early, tenfold, race), Duration.ofMinutes(5));
      Map<RequestState, Integer> outcomes = new EnumMap<>(RequestState.class);
      outcomeOf.values().forEach(state -> outcomes.merge(state, 1, Integer::sum));
      List<String> wrong = new ArrayList<>();
      wrong.addAll(
          ChaosStack.otherThan(
              stack.outcomes(concat(early, tenfold), Duration.ofSeconds(1)),
              Set.of(RequestState.COMPLETED)));
      wrong.addAll(
          ChaosStack.otherThan(
              stack.outcomes(race, Duration.ofSeconds(1)),
              Set.of(RequestState.COMPLETED, RequestState.CANCELLED)));
      List<String> all = concat(early, tenfold, race);
      List<String> stuck = all.stream().filter(stack::stuck).toList();
      var keys = stack.keysPerEvent();
      long duplicates = keys.values().stream().filter(k -> k.size() > 1).count();
      long lost =
          all.stream()
              .filter(id -> outcomeOf.get(id) == RequestState.COMPLETED)
              .filter(id -> !keys.containsKey(id + " request.completed"))
              .count();
      long completedNotified =
          keys.keySet().stream().filter(k -> k.endsWith(" request.completed")).count();
      System.out.printf(
          "chaos 5 (signal storms: early x10, same x10, cancel vs completion; %d each):"
              + " sent=%d acknowledged=%d workflows=%d completed=%d cancelled=%d"
              + " cancel-rejected=%d signal-after-close=%d duplicates=%d lost=%d stuck=%d completion-notified=%d%n",
          STORM,
          all.size(),
          all.size(),
          all.size(),
          outcomes.getOrDefault(RequestState.COMPLETED, 0),
          outcomes.getOrDefault(RequestState.CANCELLED, 0),
          cancelRejected.size(),
          signalAfterClose.size(),
          duplicates,
          lost,
          stuck.size(),
          completedNotified);
      assertThat(wrong).as("requests with an unexpected outcome").isEmpty();
      assertThat(stuck).as("workflows waiting without an activity or timer").isEmpty();
      assertThat(duplicates).as("events notified under two keys").isZero();
      assertThat(lost).as("completed without a completion notification").isZero();
      assertThat(completedNotified)
          .as("one completion notification per completed request, none for a cancelled one")
          .isEqualTo(outcomes.getOrDefault(RequestState.COMPLETED, 0).longValue());
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  /**
   * Each request its own movie (TMDB ID): the sandbox indexer derives the release from it, and two
   * requests sharing one torrent would be a different test.
   */
  private static MediaRequestInput input(String requestId) {
    return MediaRequestInput.movie(
        "seerr",
        requestId,
        "Storm " + requestId,
        2021,
        700_000 + Math.floorMod(requestId.hashCode(), 100_000));
  }

  private static String start(ChaosStack stack, String requestId) {
    String id = WorkflowIds.mediaRequest("seerr", requestId);
    WorkflowClient.start(stack.newRequest(id)::run, input(requestId));
    return id;
  }

  /** Waits until the request registered its download; returns the client's ID (the infohash). */
  private static String awaitDownload(WorkflowClient client, String id) {
    MediaRequestWorkflow typed = client.newWorkflowStub(MediaRequestWorkflow.class, id);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> typed.status().download() != null);
    return typed.status().download().id();
  }
}
