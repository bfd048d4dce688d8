package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@Timeout(10)
class SandboxNotificationSinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxTestClock clock = new SandboxTestClock();
  private final MockMvc mvc = mvc(200);

  @Test
  void ntfyPublishAnswersLikeNtfyAndIsListed() throws Exception {
    MockHttpServletResponse response =
        call(
            post("/sandbox/ntfy/temporarr")
                .header("Title", "Heat (1995) is available")
                .header("Priority", "4")
                .header("Tags", "white_check_mark, movie")
                .contentType(MediaType.TEXT_PLAIN)
                .content("Downloaded and imported."));

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode published = JSON.readTree(response.getContentAsString());
    assertThat(published.get("event").asText()).isEqualTo("message");
    assertThat(published.get("topic").asText()).isEqualTo("temporarr");
    assertThat(published.get("title").asText()).isEqualTo("Heat (1995) is available");
    assertThat(published.get("message").asText()).isEqualTo("Downloaded and imported.");
    assertThat(published.get("priority").asInt()).isEqualTo(4);
    assertThat(published.get("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("white_check_mark", "movie");
    assertThat(published.get("time").asLong()).isEqualTo(SandboxTestClock.START.getEpochSecond());
    assertThat(published.get("id").asText()).isNotBlank();

    JsonNode listed = list().get(0);
    assertThat(listed.get("channel").asText()).isEqualTo("ntfy");
    assertThat(listed.get("topic").asText()).isEqualTo("temporarr");
    assertThat(listed.get("title").asText()).isEqualTo("Heat (1995) is available");
    assertThat(listed.get("message").asText()).isEqualTo("Downloaded and imported.");
    assertThat(listed.get("priority").asInt()).isEqualTo(4);
    assertThat(listed.get("receivedAt").asText()).isEqualTo(SandboxTestClock.START.toString());
  }

  @Test
  void ntfyAliasesDefaultsAndEncodedTitlesAreUnderstood() throws Exception {
    call(
        put("/sandbox/ntfy/alerts")
            .header("X-Title", "=?UTF-8?B?QW3DqWxpZQ==?= =?UTF-8?Q?caf=C3=A9_au_lait?=")
            .content("x"));
    call(post("/sandbox/ntfy/alerts").param("priority", "urgent").content(""));

    JsonNode list = list();
    assertThat(list.get(0).get("title").asText()).isEqualTo("Amélie café au lait");
    assertThat(list.get(0).get("priority").asInt()).isEqualTo(3);
    assertThat(list.get(1).get("priority").asInt()).isEqualTo(5);
    assertThat(list.get(1).get("message").asText()).isEqualTo("triggered");
  }

  @Test
  void anInvalidPriorityOrTopicIsNtfysBadRequest() throws Exception {
    MockHttpServletResponse badPriority =
        call(post("/sandbox/ntfy/alerts").header("Priority", "9").content("x"));
    MockHttpServletResponse badTopic = call(post("/sandbox/ntfy/bad topic!").content("x"));

    assertThat(badPriority.getStatus()).isEqualTo(400);
    assertThat(JSON.readTree(badPriority.getContentAsString()).get("code").asInt())
        .isEqualTo(40007);
    assertThat(badTopic.getStatus()).isEqualTo(400);
    assertThat(list()).isEmpty();
  }

  @Test
  void webhookStoresTheJsonAndDropsARepeatedIdempotencyKey() throws Exception {
    String payload =
        "{\"version\":1,\"type\":\"request.completed\",\"idempotencyKey\":\"k1\","
            + "\"title\":\"Heat is available\",\"message\":\"Enjoy\"}";

    MockHttpServletResponse first = call(webhook(payload).header("Idempotency-Key", "k1"));
    MockHttpServletResponse repeat = call(webhook(payload).header("Idempotency-Key", "k1"));
    call(webhook("{\"type\":\"request.failed\"}"));

    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(repeat.getStatus()).isEqualTo(200);
    JsonNode list = list();
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("channel").asText()).isEqualTo("webhook");
    assertThat(list.get(0).get("title").asText()).isEqualTo("Heat is available");
    assertThat(list.get(0).get("message").asText()).isEqualTo("Enjoy");
    assertThat(list.get(0).get("idempotencyKey").asText()).isEqualTo("k1");
    assertThat(list.get(0).get("body").get("type").asText()).isEqualTo("request.completed");
    assertThat(list.get(1).get("title").asText())
        .as("type stands in for a missing title")
        .isEqualTo("request.failed");
  }

  @Test
  void aWebhookBodyThatIsNotAJsonObjectIsRejected() throws Exception {
    assertThat(call(webhook("not json")).getStatus()).isEqualTo(400);
    assertThat(list()).isEmpty();
  }

  @Test
  void onlyTheMostRecentNotificationsAreKept() throws Exception {
    MockMvc small = mvc(2);
    for (String title : new String[] {"one", "two", "three"}) {
      small.perform(post("/sandbox/ntfy/t").header("Title", title).content("m"));
    }

    JsonNode list =
        JSON.readTree(
            small
                .perform(get("/sandbox/notifications"))
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(list).extracting(n -> n.get("title").asText()).containsExactly("two", "three");
  }

  private MockMvc mvc(int kept) {
    return MockMvcBuilders.routerFunctions(new SandboxNotificationSink(kept, clock).routes())
        .build();
  }

  private static MockHttpServletRequestBuilder webhook(String body) {
    return post("/sandbox/webhook").contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  private JsonNode list() throws Exception {
    MockHttpServletResponse response = call(get("/sandbox/notifications"));
    assertThat(response.getStatus()).isEqualTo(200);
    return JSON.readTree(response.getContentAsString());
  }
}
