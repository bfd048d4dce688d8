package io.temporarr.gateway.operator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.workflows.request.RequestState;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the values the operator API accepts into its OpenAPI document — the {@code state} filter
 * (RequestState keywords) and the {@code action} path segment — taken from the enums, so the
 * document cannot drift from the code.
 */
@Component
class OperatorApiDocumentation implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    enumerate(
        openApi.getPaths().get("/api/requests"),
        "state",
        Arrays.stream(RequestState.values()).map(RequestState::keyword).toList());
    enumerate(
        openApi.getPaths().get("/api/requests/{workflowId}/actions/{action}"),
        "action",
        Arrays.stream(RequestAction.values()).map(RequestAction::path).toList());
  }

  private static void enumerate(PathItem item, String parameter, List<String> values) {
    if (item == null) {
      return;
    }
    for (Operation operation : item.readOperations()) {
      if (operation.getParameters() == null) {
        continue;
      }
      operation.getParameters().stream()
          .filter(candidate -> parameter.equals(candidate.getName()))
          .forEach(candidate -> candidate.setSchema(new StringSchema()._enum(values)));
    }
  }
}
