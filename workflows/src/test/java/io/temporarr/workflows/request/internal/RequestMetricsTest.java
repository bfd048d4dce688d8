package io.temporarr.workflows.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.Counter;
import com.uber.m3.tally.Gauge;
import com.uber.m3.tally.Histogram;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.Stopwatch;
import com.uber.m3.tally.Timer;
import com.uber.m3.util.Duration;
import io.temporarr.workflows.common.MetricNames;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

  private final List<Recorded> recorded = new ArrayList<>();
  private final RecordingScope scope = new RecordingScope(Map.of());

  @Test
  void countsEveryTransitionAndTimesEachStageOfACompletedRequest() {
    RequestMetrics metrics = new RequestMetrics(() -> scope, List.of());

    metrics.transitioned(start("2026-01-01T00:00:00Z"));
    metrics.transitioned(
        move("2026-01-01T00:00:10Z", RequestStage.SEARCH, RequestStage.DOWNLOAD, "release-found"));
    metrics.transitioned(
        move("2026-01-01T00:01:10Z", RequestStage.DOWNLOAD, RequestStage.PROCESS, "completed"));
    metrics.transitioned(
        move("2026-01-01T00:01:20Z", RequestStage.PROCESS, RequestStage.NOTIFY, "imported"));
    metrics.transitioned(
        new Transition(
            "2026-01-01T00:01:25Z",
            RequestState.ACTIVE,
            RequestStage.NOTIFY,
            RequestState.COMPLETED,
            RequestStage.NOTIFY,
            Causes.NOTIFIED,
            "x"));

    assertThat(named(MetricNames.REQUEST_TRANSITIONS)).hasSize(5);
    assertThat(named(MetricNames.REQUEST_TRANSITIONS).get(4).tags())
        .containsOnly(
            entry("state", "Completed"), entry("stage", "Notify"), entry("cause", "notified"));
    assertThat(named(MetricNames.STAGE_DURATION))
        .extracting(r -> r.tags().get("stage") + "=" + r.value())
        .containsExactly("Search=10", "Download=60", "Process=10", "Notify=5");
    assertThat(named(MetricNames.REQUESTS_FINISHED))
        .singleElement()
        .satisfies(r -> assertThat(r.tags()).containsOnly(entry("state", "Completed")));
    assertThat(named(MetricNames.REQUEST_TO_AVAILABLE))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(85));
  }

  @Test
  void aContinuedRunTimesItsStageFromTheCarriedHistory() {
    RequestMetrics metrics =
        new RequestMetrics(
            () -> scope,
            List.of(
                start("2026-01-01T00:00:00Z"),
                move(
                    "2026-01-01T00:00:30Z",
                    RequestStage.SEARCH,
                    RequestStage.DOWNLOAD,
                    "release-found")));

    metrics.transitioned(
        new Transition(
            "2026-01-01T00:02:30Z",
            RequestState.ACTIVE,
            RequestStage.DOWNLOAD,
            RequestState.FAILED,
            RequestStage.DOWNLOAD,
            Causes.ATTENTION_TIMEOUT,
            null));

    assertThat(named(MetricNames.STAGE_DURATION))
        .extracting(r -> r.tags().get("stage") + "=" + r.value())
        .containsExactly("Download=120");
    assertThat(named(MetricNames.REQUESTS_FINISHED))
        .singleElement()
        .satisfies(r -> assertThat(r.tags()).containsOnly(entry("state", "Failed")));
    assertThat(named(MetricNames.REQUEST_TO_AVAILABLE)).isEmpty();
  }

  @Test
  void needsAttentionInTheSameStageDoesNotEndTheStage() {
    RequestMetrics metrics = new RequestMetrics(() -> scope, List.of());
    metrics.transitioned(start("2026-01-01T00:00:00Z"));

    metrics.transitioned(
        new Transition(
            "2026-01-01T00:00:05Z",
            RequestState.ACTIVE,
            RequestStage.SEARCH,
            RequestState.NEEDS_ATTENTION,
            RequestStage.SEARCH,
            "activity-failed",
            null));

    assertThat(named(MetricNames.STAGE_DURATION)).isEmpty();
    assertThat(named(MetricNames.REQUEST_TRANSITIONS).get(1).tags())
        .containsEntry("state", "NeedsAttention");
  }

  @Test
  void countsStallsAndNotifierFailuresByNotifier() {
    RequestMetrics metrics = new RequestMetrics(() -> scope, List.of());

    metrics.stallDetected();
    metrics.notifierFailed("ntfy");

    assertThat(named(MetricNames.STALLS_DETECTED)).singleElement();
    assertThat(named(MetricNames.NOTIFIER_FAILURES))
        .singleElement()
        .satisfies(r -> assertThat(r.tags()).containsOnly(entry("notifier", "ntfy")));
  }

  private List<Recorded> named(String name) {
    return recorded.stream().filter(r -> r.name().equals(name)).toList();
  }

  private static Transition start(String at) {
    return new Transition(
        at, null, null, RequestState.ACTIVE, RequestStage.SEARCH, Causes.REQUEST_STARTED, null);
  }

  private static Transition move(String at, RequestStage from, RequestStage to, String cause) {
    return new Transition(at, RequestState.ACTIVE, from, RequestState.ACTIVE, to, cause, null);
  }

  /** A counter increment (value = delta) or a timer sample (value = seconds). */
  private record Recorded(String name, Map<String, String> tags, long value) {}

  /** Just enough of a Tally scope to see what was emitted. */
  private final class RecordingScope implements Scope {
    private final Map<String, String> tags;

    RecordingScope(Map<String, String> tags) {
      this.tags = tags;
    }

    @Override
    public Counter counter(String name) {
      return delta -> recorded.add(new Recorded(name, tags, delta));
    }

    @Override
    public Timer timer(String name) {
      return new Timer() {
        @Override
        public void record(Duration interval) {
          recorded.add(new Recorded(name, tags, (long) interval.getSeconds()));
        }

        @Override
        public Stopwatch start() {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public Gauge gauge(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Histogram histogram(String name, Buckets buckets) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Scope tagged(Map<String, String> more) {
      Map<String, String> all = new TreeMap<>(tags);
      all.putAll(more);
      return new RecordingScope(all);
    }

    @Override
    public Scope subScope(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Capabilities capabilities() {
      return CapableOf.NONE;
    }

    @Override
    public void close() {}
  }
}
