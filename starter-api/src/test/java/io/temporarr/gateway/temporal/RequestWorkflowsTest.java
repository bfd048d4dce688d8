package io.temporarr.gateway.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.RequestSearchAttributes;
import io.temporarr.workflows.request.RequestState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestWorkflowsTest {

  @Test
  void unknownRequesterAndIdsAreLeftOutOfSearchAttributesAndMemo() {
    MediaRequestInput input =
        MediaRequestInput.tv("seerr", "7", "Severance", null, null, null, List.of(1));

    io.temporal.common.SearchAttributes attributes = RequestSearchAttributes.atStart(input);
    Map<String, Object> memo = RequestWorkflows.memo(input);

    assertThat(attributes.size()).isEqualTo(5);
    assertThat(attributes.containsKey(SearchAttributes.REQUESTED_BY)).isFalse();
    assertThat(attributes.containsKey(SearchAttributes.TMDB_ID)).isFalse();
    assertThat(memo).containsOnlyKeys("title");
  }

  @Test
  void listQueryFiltersByTheStateKeyword() {
    assertThat(RequestWorkflows.visibilityQuery(null))
        .isEqualTo("WorkflowType=\"MediaRequestWorkflow\"");
    assertThat(RequestWorkflows.visibilityQuery(RequestState.NEEDS_ATTENTION))
        .isEqualTo("WorkflowType=\"MediaRequestWorkflow\" AND RequestState=\"NeedsAttention\"");
  }
}
