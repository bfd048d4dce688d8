package io.temporarr.gateway.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.common.metadata.WorkflowMethodType;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestActionTest {

  @Test
  void everyActionNamesAnUpdateOfTheRequestWorkflowTakingAnOperatorAction() {
    Set<String> updates =
        POJOWorkflowInterfaceMetadata.newInstance(MediaRequestWorkflow.class)
            .getMethodsMetadata()
            .stream()
            .filter(method -> method.getType() == WorkflowMethodType.UPDATE)
            .filter(RequestActionTest::takesOneOperatorAction)
            .map(POJOWorkflowMethodMetadata::getName)
            .collect(Collectors.toSet());

    assertThat(Arrays.stream(RequestAction.values()).map(RequestAction::updateName))
        .allMatch(updates::contains);
  }

  @Test
  void actionsAreFoundByTheirPathSegmentOnly() {
    assertThat(RequestAction.fromPath("skip-release")).contains(RequestAction.SKIP_RELEASE);
    assertThat(RequestAction.fromPath("skipRelease")).isEmpty();
    assertThat(RequestAction.fromPath("chooseRelease")).isEmpty();
  }

  @Test
  void workflowTypeIsTheInterfaceName() {
    assertThat(RequestWorkflows.WORKFLOW_TYPE).isEqualTo("MediaRequestWorkflow");
  }

  private static boolean takesOneOperatorAction(POJOWorkflowMethodMetadata method) {
    Class<?>[] parameters = method.getWorkflowMethod().getParameterTypes();
    return parameters.length == 1 && parameters[0] == OperatorAction.class;
  }
}
