package io.temporarr.workflows.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The small pieces the workflow relies on: event de-duplication, policy checks, carry-over. */
class SmallPartsTest {

  @Test
  void requestActionSignalReadsTheObjectAndTheJsonTextTctlSends() {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    String object =
        "{\"kind\":\"RETRY\",\"action\":{\"eventId\":\"e1\",\"actor\":\"ops\","
            + "\"reason\":\"indexer back\"}}";
    RequestActionSignal expected =
        new RequestActionSignal(ActionKind.RETRY, new OperatorAction("e1", "ops", "indexer back"));

    assertThat(fromJson(converter, object)).isEqualTo(expected);
    // tctl workflow signal --query wraps --input in a JSON string.
    assertThat(
            fromJson(
                converter, new com.fasterxml.jackson.databind.node.TextNode(object).toString()))
        .isEqualTo(expected);
    assertThatThrownBy(() -> fromJson(converter, "\"not json\""))
        .hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
        .hasMessageContaining("requestAction input must be");
  }

  private static RequestActionSignal fromJson(DataConverter converter, String json) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return converter.fromPayload(payload, RequestActionSignal.class, RequestActionSignal.class);
  }

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
    CarryOver carry =
        CarryOver.builder()
            .blocklist(List.of("hash"))
            .releaseAttempts(2)
            .searchingSince("2025-01-01T00:00:00Z")
            .build();

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
