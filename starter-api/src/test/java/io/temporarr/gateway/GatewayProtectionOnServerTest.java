package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.security.UnsafeUrlException;
import io.temporarr.gateway.security.UrlGuard;
import jakarta.servlet.Filter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The protections as a client sees them through real Tomcat: body limits on chunked uploads,
 * problem+json for errors raised outside Spring MVC (by Tomcat itself, by a filter, on the error
 * page), the published OpenAPI answers, the SSRF guard as a bean, and logs free of secrets and
 * bodies.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({
  GatewayOnTemporalTestServerTest.FakeRequestWorker.class,
  GatewayProtectionOnServerTest.TestEndpoints.class
})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GatewayProtectionOnServerTest {
  private static final String PROBLEM = "application/problem+json";
  private static final int MIB = 1024 * 1024;

  @LocalServerPort private int port;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void chunkedFormBodyOverOneMebibyteIsPayloadTooLarge() throws Exception {
    String form = "tags=media-request:seerr:1&hash=" + "a".repeat(MIB);

    HttpResponse<String> answer =
        send(
            post("/webhooks/qbittorrent", "application/x-www-form-urlencoded", chunked(form))
                .header("X-Temporarr-Token", TestCredentials.QBITTORRENT));

    assertProblem(answer, 413);
    assertThat(json.readTree(answer.body()).path("type").asText())
        .isEqualTo(GatewayProblem.PAYLOAD_TOO_LARGE.toString());
  }

  @Test
  void chunkedJsonBodyOverOneMebibyteIsPayloadTooLarge() throws Exception {
    // Many short strings: no single value trips the JSON string limit first.
    String body =
        "{\"notification_type\": \"TEST_NOTIFICATION\", \"padding\": [\"x\""
            + ", \"padding-entry\"".repeat(MIB / 16)
            + "]}";

    HttpResponse<String> answer =
        send(
            post("/webhooks/seerr", "application/json", chunked(body))
                .header("Authorization", TestCredentials.SEERR));

    assertProblem(answer, 413);
  }

  @Test
  void formBodyWithADeclaredLengthOverOneMebibyteIsPayloadTooLarge() throws Exception {
    String form = "tags=media-request:seerr:1&hash=" + "a".repeat(MIB);

    HttpResponse<String> answer =
        send(
            post(
                    "/webhooks/qbittorrent",
                    "application/x-www-form-urlencoded",
                    HttpRequest.BodyPublishers.ofString(form))
                .header("X-Temporarr-Token", TestCredentials.QBITTORRENT));

    assertProblem(answer, 413);
  }

  @Test
  void chunkedFormBodyWithinTheLimitIsRead() throws Exception {
    HttpResponse<String> answer =
        send(
            post(
                    "/webhooks/qbittorrent",
                    "application/x-www-form-urlencoded",
                    chunked("name=linux.iso&tags=seeding"))
                .header("X-Temporarr-Token", TestCredentials.QBITTORRENT));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("ignored");
  }

  @Test
  void pathsTomcatRefusesItselfAreProblemsToo() throws Exception {
    for (String path : new String[] {"/api/requests/a%2Fb", "/api/requests/a%5Cb"}) {
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(uri(path))
                  .header("Authorization", "Bearer " + TestCredentials.OPERATOR)
                  .GET());

      assertProblem(answer, 400);
      assertThat(answer.body()).doesNotContain("<html", "Apache Tomcat");
    }
  }

  @Test
  void theErrorPageCalledDirectlyIsANotFoundProblem() throws Exception {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(uri("/error")).header("Accept", "text/html").GET());

    assertProblem(answer, 404);
  }

  @Test
  void failuresOutsideSpringMvcKeepTheirProblemOrBecomeAGenericOne() throws Exception {
    HttpResponse<String> known =
        send(
            HttpRequest.newBuilder(uri("/actuator/health"))
                .header(TestEndpoints.FAIL, "problem")
                .GET());
    HttpResponse<String> crash =
        send(
            HttpRequest.newBuilder(uri("/actuator/health"))
                .header(TestEndpoints.FAIL, "crash")
                .GET());

    assertProblem(known, 413);
    assertThat(json.readTree(known.body()).path("type").asText())
        .isEqualTo(GatewayProblem.PAYLOAD_TOO_LARGE.toString());
    assertProblem(crash, 500);
    assertThat(crash.body()).doesNotContain(TestEndpoints.CRASH_MESSAGE);
  }

  @Test
  void multipartBodiesAreUnsupportedAndNeverParsed() throws Exception {
    HttpResponse<String> webhook =
        send(
            post(
                    "/webhooks/seerr",
                    "multipart/form-data",
                    HttpRequest.BodyPublishers.ofString("--x\r\n"))
                .header("Authorization", TestCredentials.SEERR));
    HttpResponse<String> list =
        send(
            HttpRequest.newBuilder(uri("/api/requests?state=Sleeping"))
                .header("Authorization", "Bearer " + TestCredentials.OPERATOR)
                .header("Content-Type", "multipart/form-data")
                .GET());

    assertProblem(webhook, 415);
    assertProblem(list, 400);
  }

  @Test
  void theSsrfGuardIsABeanWhoseRefusalIsAnUnprocessableProblem() throws Exception {
    HttpResponse<String> refused =
        send(HttpRequest.newBuilder(uri("/test/fetch?url=http://169.254.169.254/latest")).GET());
    HttpResponse<String> allowed =
        send(HttpRequest.newBuilder(uri("/test/fetch?url=http://93.184.215.14/")).GET());

    assertProblem(refused, 422);
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.path("type").asText()).isEqualTo(GatewayProblem.UNSAFE_URL.toString());
    assertThat(problem.path("field").asText()).isEqualTo("image");
    assertThat(problem.path("detail").asText()).doesNotContain("169.254");
    assertThat(allowed.statusCode()).isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentDescribesProblemsAcceptedAnswersAndLimits() throws Exception {
    JsonNode docs = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body());

    JsonNode seerr = docs.path("paths").path("/webhooks/seerr").path("post").path("responses");
    assertThat(seerr.has("202")).isTrue();
    for (String status : new String[] {"400", "401", "413", "415", "422", "429", "503"}) {
      assertThat(
              seerr.path(status).path("content").path(PROBLEM).path("schema").path("$ref").asText())
          .as(status)
          .isEqualTo("#/components/schemas/Problem");
    }
    assertThat(seerr.path("429").path("headers").has("Retry-After")).isTrue();
    assertThat(docs.path("components").path("schemas").has("Problem")).isTrue();
    JsonNode list = docs.path("paths").path("/api/requests").path("get");
    assertThat(list.path("parameters").toString()).contains("NeedsAttention");
    assertThat(
            docs.path("components")
                .path("schemas")
                .path("SeerrNotification")
                .path("required")
                .toString())
        .contains("notification_type");
  }

  @Test
  void logsNeverShowSecretsOrBodies(CapturedOutput output) throws Exception {
    String marker = "BODY-MARKER-5d41402a";
    String wrongSecret = "Basic WRONG-SECRET-7c4a8d09";
    String delivery =
        fixture("seerr/movie-approved.json")
            .replace("\"request_id\": \"42\"", "\"request_id\": \"900\"")
            .replace("\"message\": \"", "\"message\": \"" + marker + " ")
            .replace("\"extra\": []", "\"extra\": [], \"note\": \"" + marker + "\"");

    HttpResponse<String> accepted =
        send(
            post(
                    "/webhooks/seerr",
                    "application/json",
                    HttpRequest.BodyPublishers.ofString(delivery))
                .header("Authorization", TestCredentials.SEERR));
    HttpResponse<String> unauthenticated =
        send(
            post(
                    "/webhooks/seerr",
                    "application/json",
                    HttpRequest.BodyPublishers.ofString(delivery))
                .header("Authorization", wrongSecret));
    HttpResponse<String> malformed =
        send(
            post(
                    "/webhooks/seerr",
                    "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"subject\": " + marker))
                .header("Authorization", TestCredentials.SEERR));
    HttpResponse<String> unusable =
        send(
            post(
                    "/webhooks/seerr",
                    "application/json",
                    HttpRequest.BodyPublishers.ofString(
                        delivery.replace("\"900\"", "\"" + marker + "/x\"")))
                .header("Authorization", TestCredentials.SEERR));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(unusable.statusCode()).isEqualTo(422);
    // The requests were logged (so the capture works) ...
    assertThat(output.getAll())
        .contains("Seerr MEDIA_APPROVED accepted: media-request:seerr:900")
        .contains("missing or wrong seerr credential");
    // ... without the credentials or anything from the bodies.
    assertThat(output.getAll())
        .doesNotContain(TestCredentials.SEERR)
        .doesNotContain("c2VlcnI6c2VlcnItdGVzdC1zZWNyZXQ")
        .doesNotContain("WRONG-SECRET")
        .doesNotContain(marker);
    for (HttpResponse<String> answer : List.of(unauthenticated, malformed, unusable)) {
      assertThat(answer.body()).doesNotContain(marker).doesNotContain("WRONG-SECRET");
    }
  }

  private void assertProblem(HttpResponse<String> answer, int status) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
    assertThat(json.readTree(answer.body()).path("status").asInt()).isEqualTo(status);
  }

  private HttpRequest.Builder post(
      String path, String contentType, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(body);
  }

  /** A body of unknown length: the client sends it with Transfer-Encoding: chunked. */
  private static HttpRequest.BodyPublisher chunked(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Test-only endpoints: a filter that fails on request (as filters do, outside Spring MVC) and an
   * endpoint that checks a payload URL with the {@link UrlGuard} bean, as a webhook would.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestEndpoints {
    static final String FAIL = "X-Test-Fail";
    static final String CRASH_MESSAGE = "crash-detail-that-must-not-leak";

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
      FilterRegistrationBean<Filter> registration =
          new FilterRegistrationBean<>(
              (request, response, chain) -> {
                String fail = ((jakarta.servlet.http.HttpServletRequest) request).getHeader(FAIL);
                if ("problem".equals(fail)) {
                  throw GatewayProblem.payloadTooLarge(1);
                }
                if ("crash".equals(fail)) {
                  throw new IllegalStateException(CRASH_MESSAGE);
                }
                chain.doFilter(request, response);
              });
      registration.addUrlPatterns("/actuator/*");
      return registration;
    }

    @Bean
    FetchEndpoint fetchEndpoint(UrlGuard guard) {
      return new FetchEndpoint(guard);
    }
  }

  @RestController
  static class FetchEndpoint {
    private final UrlGuard guard;

    FetchEndpoint(UrlGuard guard) {
      this.guard = guard;
    }

    @GetMapping("/test/fetch")
    String fetch(@RequestParam String url) {
      try {
        guard.check(url);
      } catch (UnsafeUrlException refused) {
        throw refused.inField("image");
      }
      return "ok";
    }
  }
}
