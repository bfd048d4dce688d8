package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@Timeout(10)
class SandboxMediaServerTest {

  private static final String AUTH = "MediaBrowser Token=\"abc123\"";
  private static final String UPDATE =
      "{\"Updates\":[{\"Path\":\"/library/Movies/Heat (1995)\",\"UpdateType\":\"Created\"}]}";

  private final SandboxTestClock clock = new SandboxTestClock();
  private final SandboxMediaServer server = new SandboxMediaServer(null, 200, clock);
  private final MockMvc mvc = MockMvcBuilders.routerFunctions(server.routes()).build();

  @Test
  void mediaUpdatedAnswers204AndRecordsThePaths() throws Exception {
    int status =
        status(
            post("/sandbox/jellyfin/Library/Media/Updated")
                .header("Authorization", AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .content(UPDATE));

    assertThat(status).isEqualTo(204);
    assertThat(server.updates())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.kind()).isEqualTo("media-updated");
              assertThat(u.path()).isEqualTo("/library/Movies/Heat (1995)");
              assertThat(u.updateType()).isEqualTo("Created");
              assertThat(u.receivedAt()).isEqualTo(SandboxTestClock.START.toString());
            });
  }

  @Test
  void refreshAnswers204AndIsRecorded() throws Exception {
    assertThat(status(post("/sandbox/jellyfin/Library/Refresh").header("Authorization", AUTH)))
        .isEqualTo(204);

    assertThat(server.updates())
        .singleElement()
        .satisfies(u -> assertThat(u.kind()).isEqualTo("refresh"));
  }

  @Test
  void callsWithoutAMediaBrowserTokenAre401AndRecordNothing() throws Exception {
    assertThat(status(post("/sandbox/jellyfin/Library/Refresh"))).isEqualTo(401);
    assertThat(
            status(post("/sandbox/jellyfin/Library/Refresh").header("Authorization", "Bearer abc")))
        .isEqualTo(401);
    assertThat(
            status(
                post("/sandbox/jellyfin/Library/Media/Updated")
                    .header("Authorization", "MediaBrowser Token=\"\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(UPDATE)))
        .isEqualTo(401);

    assertThat(server.updates()).isEmpty();
  }

  @Test
  void aConfiguredTokenMustMatchAndJellyfinsOtherHeaderIsAccepted() throws Exception {
    MockMvc guarded =
        MockMvcBuilders.routerFunctions(new SandboxMediaServer("abc123", 200, clock).routes())
            .build();

    assertThat(
            guarded
                .perform(
                    post("/sandbox/jellyfin/Library/Refresh")
                        .header("Authorization", "MediaBrowser Client=\"x\", Token=\"nope\""))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(401);
    assertThat(
            guarded
                .perform(post("/sandbox/jellyfin/Library/Refresh").header("X-Emby-Token", "abc123"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(204);
  }

  @Test
  void aBodyWithoutPathsIsABadRequest() throws Exception {
    for (String body :
        new String[] {
          "{}", "{\"Updates\":[]}", "{\"Updates\":[{\"UpdateType\":\"Created\"}]}", "nope"
        }) {
      assertThat(
              status(
                  post("/sandbox/jellyfin/Library/Media/Updated")
                      .header("Authorization", AUTH)
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(body)))
          .as(body)
          .isEqualTo(400);
    }
    assertThat(server.updates()).isEmpty();
  }

  @Test
  void libraryUpdatesListsWhatTheServerWasTold() throws Exception {
    status(
        post("/sandbox/jellyfin/Library/Media/Updated")
            .header("Authorization", AUTH)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"updates\":[{\"path\":\"/a\"},{\"path\":\"/b\"}]}"));

    JsonNode list =
        new ObjectMapper()
            .readTree(
                mvc.perform(get("/sandbox/library-updates"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());

    assertThat(list).extracting(n -> n.get("path").asText()).containsExactly("/a", "/b");
    assertThat(list.get(0).get("updateType").asText()).isEqualTo("Modified");
  }

  private int status(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }
}
