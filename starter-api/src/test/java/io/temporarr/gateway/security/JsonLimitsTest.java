package io.temporarr.gateway.security;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.client.WorkflowClient;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.RequestWorkflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** JSON parser limits, strict strings and 415 on every JSON endpoint, before Temporal is called. */
@WebMvcTest(
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({RequestIntake.class, RequestWorkflows.class})
@ComponentScan(
    basePackages = {
      "io.temporarr.gateway.seerr",
      "io.temporarr.gateway.qbittorrent",
      "io.temporarr.gateway.operator",
      "io.temporarr.gateway.events"
    })
class JsonLimitsTest {
  private static final String ACTION = "/api/requests/media-request:seerr:42/actions/cancel";

  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;

  @ParameterizedTest
  @ValueSource(strings = {"/webhooks/seerr", "/webhooks/qbittorrent", ACTION})
  void nestingDeeperThanTheLimitIsABadRequestProblem(String path) throws Exception {
    // Unknown fields are skipped token by token, so the parser meets the whole depth.
    String deep = "{\"unknown\": " + "{\"a\": ".repeat(40) + "1" + "}".repeat(40) + "}";

    send(path, deep)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(GatewayProblem.JSON_TOO_DEEP.toString()))
        .andExpect(jsonPath("$.title").value("JSON nesting too deep"));
    verifyNoInteractions(client);
  }

  @Test
  void nestingWithinTheLimitIsRead() throws Exception {
    String nested = "{\"unknown\": " + "{\"a\": ".repeat(20) + "1" + "}".repeat(20) + "}";

    send("/webhooks/qbittorrent", nested)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));
  }

  @Test
  @Timeout(10)
  void aHugelyNestedDocumentIsRefusedWithoutExhaustingTheStack() throws Exception {
    String hostile = "[".repeat(200_000) + "]".repeat(200_000);

    send("/webhooks/seerr", "{\"unknown\": " + hostile + "}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(GatewayProblem.JSON_TOO_DEEP.toString()));
    send("/webhooks/seerr", hostile).andExpect(status().isBadRequest());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/webhooks/seerr", "/webhooks/qbittorrent", ACTION})
  void aStringLongerThanTheLimitIsABadRequestProblem(String path) throws Exception {
    String body = "{\"unknown\": \"" + "x".repeat(70_000) + "\"}";

    send(path, body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(GatewayProblem.JSON_STRING_TOO_LONG.toString()))
        .andExpect(jsonPath("$.title").value("JSON string too long"));
    verifyNoInteractions(client);
  }

  @Test
  void aNumberWhereTheTemplateHasAStringIsRefusedNamingTheField() throws Exception {
    send(
            "/webhooks/seerr",
            "{\"notification_type\": \"MEDIA_APPROVED\", \"request\": {\"request_id\": 42}}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("request.request_id"))
        .andExpect(
            jsonPath("$.detail").value("request.request_id: not of the expected JSON type."));
    send("/webhooks/qbittorrent", "{\"hash\": true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("hash"));
    verifyNoInteractions(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/webhooks/seerr", "/webhooks/qbittorrent", ACTION})
  void nonJsonBodiesAreUnsupportedMediaTypeOnEveryJsonEndpoint(String path) throws Exception {
    mvc.perform(
            authenticated(post(path), path)
                .contentType(MediaType.TEXT_PLAIN)
                .content("MEDIA_APPROVED 42"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            authenticated(post(path), path)
                .contentType(MediaType.APPLICATION_XML)
                .content("<notification/>"))
        .andExpect(status().isUnsupportedMediaType());
    verifyNoInteractions(client);
  }

  private ResultActions send(String path, String json) throws Exception {
    return mvc.perform(
        authenticated(post(path), path).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  private static MockHttpServletRequestBuilder authenticated(
      MockHttpServletRequestBuilder request, String path) {
    if (path.startsWith("/webhooks/seerr")) {
      return request.header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR);
    }
    if (path.startsWith("/webhooks/qbittorrent")) {
      return request.header(Credential.QBITTORRENT.header(), TestCredentials.QBITTORRENT);
    }
    return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCredentials.OPERATOR);
  }
}
