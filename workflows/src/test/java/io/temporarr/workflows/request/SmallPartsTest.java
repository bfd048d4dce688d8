package io.temporarr.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.workflows.policy.RequestPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The small pieces the workflow relies on: event de-duplication, policy checks, carry-over. */
class SmallPartsTest {

  @Test
  void appliedEventsRecogniseRepeatsAndForgetTheOldest() {
    AppliedEvents events = new AppliedEvents(3, List.of("a"));

    assertThat(events.add("a")).isFalse();
    assertThat(events.add("b")).isTrue();
    assertThat(events.add("c")).isTrue();
    assertThat(events.add("d")).isTrue();
    assertThat(events.contains("a")).as("oldest dropped").isFalse();
    assertThat(events.toList()).containsExactly("b", "c", "d");
  }

  @Test
  void eventsWithoutIdAreAlwaysApplied() {
    AppliedEvents events = new AppliedEvents(3, List.of());

    assertThat(events.add(null)).isTrue();
    assertThat(events.add(null)).isTrue();
    assertThat(events.contains(null)).isFalse();
    assertThat(events.toList()).isEmpty();
  }

  @Test
  void usablePolicyHasNoProblems() {
    assertThat(RequestPolicies.problems(RequestTestEnv.policy())).isEmpty();
  }

  @Test
  void policyProblemsAreNamed() {
    RequestPolicy broken =
        new RequestPolicy(
            " ", null, Duration.ZERO, Duration.ofMinutes(-1), null, 0, null, false, 0);

    assertThat(RequestPolicies.problems(broken))
        .containsExactly(
            "downloadClient is required",
            "stallTimeout must be a positive duration",
            "researchInterval must be a positive duration",
            "wantedTimeout must be a positive duration",
            "needsAttentionTimeout must be a positive duration",
            "maxReleaseAttempts must be at least 1");
    assertThat(RequestPolicies.problems(null)).containsExactly("no request policy");
    assertThat(broken.notifiers()).isEmpty();
  }

  @Test
  void carryOverOfTheOriginalShapeResumesAtSearch() {
    CarryOver carry = new CarryOver(List.of("hash"), 2, null, null, "2025-01-01T00:00:00Z");

    assertThat(carry.state()).isNull();
    assertThat(carry.stage()).isNull();
    assertThat(carry.lastSearch()).isEmpty();
    assertThat(carry.appliedEventIds()).isEmpty();
    assertThat(carry.blocklist()).containsExactly("hash");
  }

  @Test
  void appliedEventIdsAreBoundedForLongRunningRequests() {
    AppliedEvents events = new AppliedEvents(MediaRequestWorkflowImpl.APPLIED_EVENT_IDS, List.of());
    IntStream.range(0, 1000).forEach(i -> events.add("e" + i));

    assertThat(events.toList()).hasSize(MediaRequestWorkflowImpl.APPLIED_EVENT_IDS);
  }
}
