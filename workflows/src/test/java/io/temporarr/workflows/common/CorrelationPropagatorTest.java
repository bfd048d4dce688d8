package io.temporarr.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationPropagatorTest {
  private final CorrelationPropagator propagator = new CorrelationPropagator();

  @AfterEach
  void clearMdc() {
    MDC.remove(CorrelationPropagator.MDC_KEY);
  }

  @Test
  void idInTheMdcTravelsThroughTheHeaderIntoAnotherThreadsMdc() {
    MDC.put(CorrelationPropagator.MDC_KEY, "corr-1");
    Map<String, Payload> header = propagator.serializeContext(propagator.getCurrentContext());
    MDC.remove(CorrelationPropagator.MDC_KEY);

    propagator.setCurrentContext(propagator.deserializeContext(header));

    assertThat(propagator.getName()).isEqualTo(CorrelationPropagator.HEADER_KEY);
    assertThat(header).containsOnlyKeys(CorrelationPropagator.HEADER_KEY);
    assertThat(MDC.get(CorrelationPropagator.MDC_KEY)).isEqualTo("corr-1");
  }

  @Test
  void withoutAnIdNothingIsSentAndNothingIsSet() {
    assertThat(propagator.serializeContext(propagator.getCurrentContext())).isEmpty();
    assertThat(propagator.deserializeContext(Map.of())).isNull();

    propagator.setCurrentContext(null);

    assertThat(MDC.get(CorrelationPropagator.MDC_KEY)).isNull();
  }

  @Test
  void anIdThatIsNotWellFormedNeverReachesTheMdc() {
    propagator.setCurrentContext("evil\r\nX-Injected: 1");

    assertThat(MDC.get(CorrelationPropagator.MDC_KEY)).isNull();
  }

  @Test
  void appendingKeepsTheClientsOtherPropagators() {
    assertThat(CorrelationPropagator.appendTo(null))
        .singleElement()
        .isInstanceOf(CorrelationPropagator.class);
    assertThat(CorrelationPropagator.appendTo(java.util.List.of(propagator)))
        .hasSize(2)
        .startsWith(propagator);
  }

  @Test
  void wellFormedIdsAreBoundedPlainCharacters() {
    assertThat(CorrelationPropagator.isWellFormed("media-request:seerr:42")).isTrue();
    assertThat(CorrelationPropagator.isWellFormed("3f1c2d9e-0b7a-4c55-9d1e-2a6b8c0f4e11")).isTrue();
    assertThat(CorrelationPropagator.isWellFormed(null)).isFalse();
    assertThat(CorrelationPropagator.isWellFormed("")).isFalse();
    assertThat(CorrelationPropagator.isWellFormed("a b")).isFalse();
    assertThat(CorrelationPropagator.isWellFormed("x".repeat(201))).isFalse();
  }
}
