package io.temporarr.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.gateway.Answer;
import org.junit.jupiter.api.Test;

class WebhookOutcomeTest {

  @Test
  void answersTellStartedDuplicateSignalledQueuedAndIgnoredApart() {
    assertThat(WebhookOutcome.of(Answer.started("w", "run", false)))
        .isEqualTo(WebhookOutcome.STARTED);
    assertThat(WebhookOutcome.of(Answer.started("w", "run", null)))
        .isEqualTo(WebhookOutcome.STARTED);
    assertThat(WebhookOutcome.of(Answer.started("w", "run", true)))
        .isEqualTo(WebhookOutcome.DUPLICATE);
    assertThat(WebhookOutcome.of(Answer.accepted("w"))).isEqualTo(WebhookOutcome.SIGNALLED);
    assertThat(WebhookOutcome.of(Answer.queued("w"))).isEqualTo(WebhookOutcome.QUEUED);
    assertThat(WebhookOutcome.of(Answer.ignored(null, "why"))).isEqualTo(WebhookOutcome.IGNORED);
  }

  @Test
  void problemsAreClassifiedByStatus() {
    assertThat(WebhookOutcome.of(401)).isEqualTo(WebhookOutcome.UNAUTHORIZED);
    assertThat(WebhookOutcome.of(429)).isEqualTo(WebhookOutcome.RATE_LIMITED);
    assertThat(WebhookOutcome.of(413)).isEqualTo(WebhookOutcome.REJECTED);
    assertThat(WebhookOutcome.of(422)).isEqualTo(WebhookOutcome.REJECTED);
    assertThat(WebhookOutcome.of(503)).isEqualTo(WebhookOutcome.FAILED);
    assertThat(WebhookOutcome.of(500)).isEqualTo(WebhookOutcome.FAILED);
    assertThat(WebhookOutcome.of(202)).isEqualTo(WebhookOutcome.SIGNALLED);
    assertThat(WebhookOutcome.of(200)).isEqualTo(WebhookOutcome.IGNORED);
    assertThat(WebhookOutcome.RATE_LIMITED.tag()).isEqualTo("rate_limited");
  }
}
