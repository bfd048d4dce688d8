package io.temporarr.gateway.security;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Per-source rate limits in front of real controllers: Seerr may send two requests an hour here,
 * the operator one. TEST_NOTIFICATIONs and a bad list parameter never reach Temporal, so the budget
 * is all that is under test. A fresh context per test gives each a full budget.
 */
@WebMvcTest(
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.rate-limits.seerr.limit-for-period=2",
      "temporarr.gateway.rate-limits.seerr.refresh-period=1h",
      "temporarr.gateway.rate-limits.operator.limit-for-period=1",
      "temporarr.gateway.rate-limits.operator.refresh-period=1h"
    })
@Import({RequestIntake.class, RequestWorkflows.class})
@ComponentScan(
    basePackages = {
      "io.temporarr.gateway.seerr",
      "io.temporarr.gateway.qbittorrent",
      "io.temporarr.gateway.operator",
      "io.temporarr.gateway.events"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RateLimitTest {
  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;

  @Test
  void requestsOverTheSourcesBudgetAreTooManyRequestsWithRetryAfter() throws Exception {
    seerr(TestCredentials.SEERR).andExpect(status().isOk());
    seerr(TestCredentials.SEERR).andExpect(status().isOk());

    MvcResult refused =
        seerr(TestCredentials.SEERR)
            .andExpect(status().isTooManyRequests())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(GatewayProblem.RATE_LIMITED.toString()))
            .andExpect(jsonPath("$.source").value("seerr"))
            .andReturn();

    long retryAfter = Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isBetween(3500L, 3600L);
    verifyNoInteractions(client);
  }

  @Test
  void callersWithoutTheCredentialDoNotUseUpTheBudget() throws Exception {
    for (int i = 0; i < 5; i++) {
      seerr("Basic d3Jvbmc6d3Jvbmc=").andExpect(status().isUnauthorized());
    }

    seerr(TestCredentials.SEERR).andExpect(status().isOk());
    seerr(TestCredentials.SEERR).andExpect(status().isOk());
  }

  @Test
  void eachSourceHasItsOwnBudget() throws Exception {
    seerr(TestCredentials.SEERR).andExpect(status().isOk());
    seerr(TestCredentials.SEERR).andExpect(status().isOk());
    seerr(TestCredentials.SEERR).andExpect(status().isTooManyRequests());

    operator().andExpect(status().isBadRequest());
    operator()
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.source").value("operator"));
  }

  private ResultActions seerr(String authorization) throws Exception {
    return mvc.perform(
        post("/webhooks/seerr")
            .header(HttpHeaders.AUTHORIZATION, authorization)
            .contentType(MediaType.APPLICATION_JSON)
            .content(fixture("seerr/test-notification.json")));
  }

  /** A list with an unknown state: answered 400 before any Temporal call. */
  private ResultActions operator() throws Exception {
    return mvc.perform(
        get("/api/requests")
            .param("state", "Sleeping")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCredentials.OPERATOR));
  }
}
