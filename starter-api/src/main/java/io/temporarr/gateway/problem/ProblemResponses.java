package io.temporarr.gateway.problem;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;

/**
 * Documents the answers springdoc cannot infer from the controllers: the RFC 9457 problem every
 * error is (a {@code Problem} schema under {@code application/problem+json}), the error statuses
 * each operation can give, {@code Retry-After} on 429 and 503, and 202 beside 200 for the POST
 * operations (accepted vs. ignored, same body). Keeps {@code /v3/api-docs} honest enough for
 * Schemathesis to check every answer against it.
 */
class ProblemResponses implements OpenApiCustomizer {
  static final String SCHEMA = "Problem";
  private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getComponents().addSchemas(SCHEMA, problemSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> document(path, method, operation)));
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    ApiResponse ok = responses.get("200");
    if (method == PathItem.HttpMethod.POST && ok != null && !responses.containsKey("202")) {
      responses.addApiResponse(
          "202",
          new ApiResponse()
              .description("Accepted: durably handed to Temporal")
              .content(ok.getContent()));
    }
    problem(responses, "400", "Malformed body, JSON over the parser limits, or invalid parameter");
    // Every controller requires its caller's credential (ArchitectureTest), signed senders
    // included.
    problem(responses, "401", "The caller's credential is missing or wrong");
    problem(responses, "404", "No such request workflow, or it is not running");
    if (operation.getRequestBody() != null) {
      problem(
          responses,
          "408",
          "Body not received within temporarr.gateway.admission.body-read-timeout");
      problem(responses, "413", "Body larger than temporarr.gateway.max-body-size");
      problem(responses, "415", "Unsupported Content-Type");
      problem(responses, "422", "A field is missing or unusable (the problem's field names it)");
    }
    if (path.contains("/actions/")) {
      problem(responses, "409", "The request workflow refused the action");
    }
    problem(responses, "429", "The caller's rate limit is used up")
        .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter());
    problem(responses, "500", "The gateway failed");
    problem(
            responses,
            "503",
            "Temporal did not answer in time (the call may not have taken effect), or the inbox is"
                + " above its high-water mark")
        .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter());
  }

  /**
   * Adds the problem answer. One an operation describes in its own words keeps its description and
   * gets the problem body: springdoc would otherwise give it the success body of the method.
   */
  private static ApiResponse problem(ApiResponses responses, String status, String description) {
    ApiResponse response = responses.get(status);
    if (response == null) {
      response = new ApiResponse().description(description);
      responses.addApiResponse(status, response);
    }
    if (response.getContent() == null
        || !response
            .getContent()
            .containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
      response.setContent(
          new Content()
              .addMediaType(
                  org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                  new MediaType().schema(new Schema<>().$ref(SCHEMA_REF))));
    }
    return response;
  }

  private static Header retryAfter() {
    return new Header()
        .description("Seconds to wait before trying again")
        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description(
            "RFC 9457 problem details. Extension members name what was wrong, e.g. field,"
                + " parameter, source, workflowId.")
        .addProperty("type", new StringSchema().description("Problem type URI"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .required(List.of("title", "status"));
  }
}
