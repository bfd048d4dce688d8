package io.temporarr.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.problem.GatewayProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private static final byte[] TEMPORAL_TOKEN = "visibility-page-2".getBytes(StandardCharsets.UTF_8);

  private final PageTokens tokens = new PageTokens("operator-token-1");

  @Test
  void aSealedTokenOpensForItsOwnQueryOnly() {
    String sealed = tokens.seal(TEMPORAL_TOKEN, "NeedsAttention");

    assertThat(tokens.open(sealed, "NeedsAttention")).isEqualTo(TEMPORAL_TOKEN);
    assertThatThrownBy(() -> tokens.open(sealed, "")).isInstanceOf(GatewayProblem.class);
  }

  @Test
  void gatewaysWithTheSameOperatorTokenShareTokensAndARotatedTokenInvalidatesThem() {
    String sealed = tokens.seal(TEMPORAL_TOKEN, "");

    assertThat(new PageTokens("operator-token-1").open(sealed, "")).isEqualTo(TEMPORAL_TOKEN);
    assertThatThrownBy(() -> new PageTokens("operator-token-2").open(sealed, ""))
        .isInstanceOf(GatewayProblem.class);
  }

  @Test
  void aTamperedTokenIsRefused() {
    char[] sealed = tokens.seal(TEMPORAL_TOKEN, "").toCharArray();
    // A character inside the MAC: every bit of it counts (unlike the last, partly padding).
    sealed[3] = sealed[3] == 'A' ? 'B' : 'A';

    assertThatThrownBy(() -> tokens.open(new String(sealed), ""))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem ->
                assertThat(problem.getBody().getProperties())
                    .containsEntry("parameter", "pageToken"));
  }
}
