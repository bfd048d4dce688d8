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
 * Puts the values the operator API accepts into its OpenAPI document: the {@code state} filter
 * (RequestState keywords) and the {@code action} path segment — taken from the enums, so the
 * document cannot drift from the code — the shape of request workflow IDs, and that an empty {@code
 * pageSize} means the default.
 */
@Component
class OperatorApiDocumentation implements OpenApiCustomizer {
  /** The IDs {@link io.temporarr.workflows.common.WorkflowIds} builds for requests and seasons. */
  static final String REQUEST_WORKFLOW_ID =
      "^media-request:[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}(:s[0-9]{1,3})?$";

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
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperations().stream()
                    .filter(operation -> operation.getParameters() != null)
                    .flatMap(operation -> operation.getParameters().stream())
                    .forEach(
                        parameter -> {
                          if ("workflowId".equals(parameter.getName())) {
                            parameter.getSchema().setPattern(REQUEST_WORKFLOW_ID);
                          }
                          if ("pageSize".equals(parameter.getName())) {
                            // Spring reads "pageSize=" as absent, i.e. the default.
                            parameter.setAllowEmptyValue(true);
                          }
                        }));
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
