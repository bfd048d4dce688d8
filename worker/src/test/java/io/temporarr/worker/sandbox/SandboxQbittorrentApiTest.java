package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@Timeout(10)
class SandboxQbittorrentApiTest {

  private static final String API = "/sandbox/qbittorrent/api/v2";
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
  private static final String NAME = "Some.Movie.2023.1080p.WEB-DL.x264-SANDBOX";
  private static final String MAGNET = "magnet:?xt=urn:btih:" + HASH + "&dn=" + NAME;
  private static final String OTHER_HASH = "89abcdef0123456789abcdef0123456789abcdef";
  private static final long SIZE = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path downloads;
  private final SandboxTestClock clock = new SandboxTestClock();
  private MockMvc mvc;
  private Cookie session;

  @BeforeEach
  void logIn() throws Exception {
    mvc = mvc(null, null);
    session = login("admin", "adminadmin");
  }

  @Test
  void loginAnswersOkAndAnSidCookieWhichEveryOtherCallNeeds() throws Exception {
    MockHttpServletResponse login =
        mvc.perform(post(API + "/auth/login").param("username", "a").param("password", "b"))
            .andReturn()
            .getResponse();

    assertThat(login.getContentAsString()).isEqualTo("Ok.");
    assertThat(login.getHeader("Set-Cookie")).startsWith("SID=").contains("HttpOnly", "Path=/");
    MockHttpServletResponse anonymous =
        mvc.perform(get(API + "/app/webapiVersion")).andReturn().getResponse();
    assertThat(anonymous.getStatus()).isEqualTo(403);
    assertThat(anonymous.getContentAsString()).isEqualTo("Forbidden");
    assertThat(
            mvc.perform(get(API + "/torrents/info").cookie(new Cookie("SID", "made-up")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
  }

  @Test
  void configuredCredentialsRejectOthersWithFailsAsWebApiBefore214() throws Exception {
    MockMvc guarded = mvc("admin", "adminadmin");

    MockHttpServletResponse wrong =
        guarded
            .perform(post(API + "/auth/login").param("username", "admin").param("password", "x"))
            .andReturn()
            .getResponse();
    MockHttpServletResponse right =
        guarded
            .perform(
                post(API + "/auth/login")
                    .param("username", "admin")
                    .param("password", "adminadmin"))
            .andReturn()
            .getResponse();

    assertThat(wrong.getStatus()).isEqualTo(200);
    assertThat(wrong.getContentAsString()).isEqualTo("Fails.");
    assertThat(wrong.getHeader("Set-Cookie")).isNull();
    assertThat(right.getContentAsString()).isEqualTo("Ok.");
  }

  @Test
  void versionsAreThoseOfQbittorrent45() throws Exception {
    assertThat(body(get(API + "/app/webapiVersion"))).isEqualTo("2.8.19");
    assertThat(body(get(API + "/app/version"))).isEqualTo("v4.5.2");
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    assertThat(status(post(API + "/auth/logout"))).isEqualTo(200);

    assertThat(status(get(API + "/app/version"))).isEqualTo(403);
  }

  @Test
  void aMagnetDownloadsLinearlyOverTheConfiguredDurationThenSeeds() throws Exception {
    assertThat(
            body(
                multipart(API + "/torrents/add")
                    .part(new MockPart("urls", MAGNET.getBytes(StandardCharsets.UTF_8)))
                    .part(
                        new MockPart(
                            "tags", "media-request:seerr:1,x".getBytes(StandardCharsets.UTF_8)))
                    .part(new MockPart("category", "movies".getBytes(StandardCharsets.UTF_8)))))
        .isEqualTo("Ok.");
    Path file = downloads.resolve(NAME).resolve(NAME + ".mkv");

    clock.advance(Duration.ofSeconds(5));
    JsonNode quarter = onlyTorrent();
    assertThat(quarter.get("hash").asText()).isEqualTo(HASH);
    assertThat(quarter.get("name").asText()).isEqualTo(NAME);
    assertThat(quarter.get("state").asText()).isEqualTo("downloading");
    assertThat(quarter.get("progress").asDouble()).isEqualTo(0.25);
    assertThat(quarter.get("amount_left").asLong()).isEqualTo(SIZE * 3 / 4);
    assertThat(quarter.get("size").asLong()).isEqualTo(SIZE);
    assertThat(quarter.get("eta").asLong()).isEqualTo(15);
    assertThat(quarter.get("dlspeed").asLong()).isEqualTo(SIZE / 20);
    assertThat(quarter.get("num_seeds").asInt()).isPositive();
    assertThat(quarter.get("completion_on").asLong()).isZero();
    assertThat(quarter.get("tags").asText()).isEqualTo("media-request:seerr:1, x");
    assertThat(quarter.get("category").asText()).isEqualTo("movies");
    assertThat(quarter.get("save_path").asText()).isEqualTo(downloads.toString());
    assertThat(quarter.get("content_path").asText()).isEqualTo(file.toString());
    assertThat(quarter.get("added_on").asLong()).isEqualTo(SandboxTestClock.START.getEpochSecond());
    assertThat(file).doesNotExist();

    clock.advance(Duration.ofSeconds(16));
    JsonNode done = onlyTorrent();
    assertThat(done.get("state").asText()).isEqualTo("uploading");
    assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(done.get("amount_left").asLong()).isZero();
    assertThat(done.get("eta").asLong()).isEqualTo(8_640_000);
    assertThat(done.get("dlspeed").asLong()).isZero();
    assertThat(done.get("completion_on").asLong())
        .isEqualTo(SandboxTestClock.START.getEpochSecond() + 20);
    assertThat(file).isRegularFile().hasSize(SIZE);
    assertThat(new String(Files.readAllBytes(file), 0, 26, StandardCharsets.US_ASCII))
        .isEqualTo(SandboxMediaFile.MAGIC);
  }

  @Test
  void aDuplicateOrAnythingButAMagnetFails() throws Exception {
    add(MAGNET);

    assertThat(body(post(API + "/torrents/add").param("urls", MAGNET))).isEqualTo("Fails.");
    assertThat(body(post(API + "/torrents/add").param("urls", "https://example.invalid/x.torrent")))
        .isEqualTo("Fails.");
    assertThat(body(post(API + "/torrents/add"))).isEqualTo("Fails.");
    assertThat(torrents(get(API + "/torrents/info"))).hasSize(1);
  }

  @Test
  void severalMagnetsInOneAddAndAMagnetWithoutNameIsNamedByItsHash() throws Exception {
    assertThat(
            body(
                post(API + "/torrents/add")
                    .param(
                        "urls", MAGNET + "\n" + "magnet:?xt=urn:btih:" + OTHER_HASH.toUpperCase())
                    .param("savepath", "elsewhere")))
        .isEqualTo("Ok.");

    List<JsonNode> torrents = torrents(get(API + "/torrents/info"));
    assertThat(torrents).extracting(t -> t.get("name").asText()).containsExactly(NAME, OTHER_HASH);
    assertThat(torrents.get(1).get("save_path").asText())
        .isEqualTo(downloads.resolve("elsewhere").toString());
  }

  @Test
  void aSavePathOutsideTheDownloadsFolderIsRefusedAndItsFolderSurvivesADeleteWithFiles(
      @TempDir Path elsewhere) throws Exception {
    // The user's folder: a torrent named after it, saved in its parent, would be its content.
    Path victim = Files.createDirectories(elsewhere.resolve("victim"));
    Path canary = Files.writeString(victim.resolve("canary.txt"), "mine");
    Files.createSymbolicLink(downloads.resolve("link-out"), elsewhere);
    String named = "magnet:?xt=urn:btih:" + HASH + "&dn=victim";
    String relativeUp =
        downloads.relativize(elsewhere).toString(); // ../../… from the downloads folder

    for (String savePath :
        List.of(elsewhere.toString(), relativeUp, "sub/../" + relativeUp, "link-out")) {
      MockHttpServletResponse add =
          mvc.perform(
                  post(API + "/torrents/add")
                      .cookie(session)
                      .param("urls", named)
                      .param("savepath", savePath))
              .andReturn()
              .getResponse();
      assertThat(add.getStatus()).as(savePath).isEqualTo(400);
      assertThat(add.getContentAsString()).contains("outside the sandbox downloads folder");
      assertThat(
              status(
                  post(API + "/torrents/delete")
                      .param("hashes", HASH)
                      .param("deleteFiles", "true")))
          .isEqualTo(200);
      assertThat(canary).as(savePath).hasContent("mine");
    }
    assertThat(torrents(get(API + "/torrents/info"))).isEmpty();
  }

  @Test
  void infoFiltersByHashesCategoryTagAndState() throws Exception {
    add(MAGNET, "movies", "media-request:seerr:1");
    assertThat(
            body(
                post(API + "/torrents/add")
                    .param("urls", "magnet:?xt=urn:btih:" + OTHER_HASH)
                    .param("paused", "true")))
        .isEqualTo("Ok.");

    assertThat(
            hashes(
                get(API + "/torrents/info")
                    .param("hashes", OTHER_HASH.toUpperCase() + "|" + "f".repeat(40))))
        .containsExactly(OTHER_HASH);
    assertThat(hashes(get(API + "/torrents/info").param("category", "movies")))
        .containsExactly(HASH);
    assertThat(hashes(get(API + "/torrents/info").param("category", "")))
        .containsExactly(OTHER_HASH);
    assertThat(hashes(get(API + "/torrents/info").param("tag", "media-request:seerr:1")))
        .containsExactly(HASH);
    assertThat(hashes(get(API + "/torrents/info").param("tag", ""))).containsExactly(OTHER_HASH);
    assertThat(hashes(get(API + "/torrents/info").param("filter", "paused")))
        .containsExactly(OTHER_HASH);
    assertThat(hashes(get(API + "/torrents/info").param("filter", "no-such-filter")))
        .containsExactly(HASH, OTHER_HASH);
    assertThat(
            torrents(get(API + "/torrents/info").param("hashes", OTHER_HASH))
                .get(0)
                .get("state")
                .asText())
        .isEqualTo("pausedDL");
  }

  @Test
  void maindataSendsAFullUpdateThenOnlyWhatChangedSinceTheGivenRid() throws Exception {
    JsonNode empty = maindata(0);
    assertThat(empty.get("full_update").asBoolean()).isTrue();
    assertThat(empty.get("torrents").size()).isZero();
    add(MAGNET, "movies", "t1");

    JsonNode full = maindata(empty.get("rid").asLong());
    long rid1 = full.get("rid").asLong();
    assertThat(rid1).isGreaterThan(empty.get("rid").asLong());
    assertThat(full.has("full_update")).isFalse();
    JsonNode added = full.get("torrents").get(HASH);
    assertThat(added.get("name").asText()).isEqualTo(NAME);
    assertThat(added.get("state").asText()).isEqualTo("downloading");
    assertThat(added.has("hash")).as("the hash is the key").isFalse();
    assertThat(full.get("categories").get("movies").get("name").asText()).isEqualTo("movies");
    assertThat(full.get("tags")).extracting(JsonNode::asText).containsExactly("t1");

    JsonNode unchanged = maindata(rid1);
    assertThat(unchanged.get("rid").asLong()).isEqualTo(rid1);
    assertThat(unchanged.has("torrents")).isFalse();
    assertThat(unchanged.has("full_update")).isFalse();

    clock.advance(Duration.ofSeconds(10));
    JsonNode halfway = maindata(rid1);
    long rid2 = halfway.get("rid").asLong();
    assertThat(rid2).isGreaterThan(rid1);
    JsonNode progressed = halfway.get("torrents").get(HASH);
    assertThat(progressed.get("progress").asDouble()).isEqualTo(0.5);
    assertThat(progressed.get("amount_left").asLong()).isEqualTo(SIZE / 2);
    assertThat(fieldNames(progressed))
        .contains("progress", "amount_left", "completed", "downloaded", "eta", "last_activity")
        .doesNotContain("name", "state", "save_path", "size", "category", "tags", "added_on");
    assertThat(halfway.has("categories")).isFalse();
    assertThat(halfway.has("tags")).isFalse();

    clock.advance(Duration.ofSeconds(10));
    JsonNode completed = maindata(rid2);
    JsonNode finished = completed.get("torrents").get(HASH);
    assertThat(finished.get("state").asText()).isEqualTo("uploading");
    assertThat(finished.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(fieldNames(finished)).contains("completion_on").doesNotContain("name");

    JsonNode sinceAdd = maindata(rid1);
    assertThat(fieldNames(sinceAdd.get("torrents").get(HASH)))
        .as("a caller further behind gets every field changed since its own rid")
        .contains("progress", "state", "completion_on")
        .doesNotContain("name");

    JsonNode refreshed = maindata(0);
    assertThat(refreshed.get("full_update").asBoolean()).isTrue();
    assertThat(fieldNames(refreshed.get("torrents").get(HASH)))
        .contains("name", "state", "save_path");
    assertThat(refreshed.get("server_state").get("connection_status").asText())
        .isEqualTo("connected");
    assertThat(maindata(completed.get("rid").asLong() + 100).get("full_update").asBoolean())
        .as("an unknown rid")
        .isTrue();
  }

  @Test
  void maindataListsTorrentsRemovedSinceTheGivenRid() throws Exception {
    add(MAGNET);
    long rid = maindata(0).get("rid").asLong();

    assertThat(
            status(
                post(API + "/torrents/delete").param("hashes", HASH).param("deleteFiles", "false")))
        .isEqualTo(200);

    JsonNode update = maindata(rid);
    assertThat(update.get("torrents_removed")).extracting(JsonNode::asText).containsExactly(HASH);
    assertThat(update.has("torrents")).isFalse();
    assertThat(maindata(update.get("rid").asLong()).has("torrents_removed")).isFalse();
    assertThat(maindata(0).has("torrents_removed")).as("a full update lists no removals").isFalse();
  }

  @Test
  void deleteWithDeleteFilesRemovesTheDownloadedFolder() throws Exception {
    add(MAGNET);
    add("magnet:?xt=urn:btih:" + OTHER_HASH + "&dn=Keep.Me");
    clock.advance(Duration.ofSeconds(20));
    torrents(get(API + "/torrents/info"));
    Path folder = downloads.resolve(NAME);
    Path kept = downloads.resolve("Keep.Me");
    assertThat(folder.resolve(NAME + ".mkv")).isRegularFile();

    status(post(API + "/torrents/delete").param("hashes", HASH).param("deleteFiles", "true"));
    status(
        post(API + "/torrents/delete").param("hashes", OTHER_HASH).param("deleteFiles", "false"));

    assertThat(folder).doesNotExist();
    assertThat(kept.resolve("Keep.Me.mkv")).isRegularFile();
    assertThat(torrents(get(API + "/torrents/info"))).isEmpty();
  }

  @Test
  void deleteAllRemovesEveryTorrent() throws Exception {
    add(MAGNET);
    add("magnet:?xt=urn:btih:" + OTHER_HASH);

    status(post(API + "/torrents/delete").param("hashes", "all").param("deleteFiles", "true"));

    assertThat(torrents(get(API + "/torrents/info"))).isEmpty();
  }

  @Test
  void pausedTorrentsMakeNoProgressUntilResumed() throws Exception {
    add(MAGNET);
    clock.advance(Duration.ofSeconds(5));

    assertThat(status(post(API + "/torrents/pause").param("hashes", HASH))).isEqualTo(200);
    clock.advance(Duration.ofSeconds(60));
    JsonNode paused = onlyTorrent();
    assertThat(paused.get("state").asText()).isEqualTo("pausedDL");
    assertThat(paused.get("progress").asDouble()).isEqualTo(0.25);
    assertThat(paused.get("eta").asLong()).isEqualTo(8_640_000);

    status(post(API + "/torrents/resume").param("hashes", HASH));
    clock.advance(Duration.ofSeconds(5));
    JsonNode resumed = onlyTorrent();
    assertThat(resumed.get("state").asText()).isEqualTo("downloading");
    assertThat(resumed.get("progress").asDouble()).isEqualTo(0.5);
  }

  @Test
  void addTagsTagsTorrentsAndShowsInTheNextPartialUpdate() throws Exception {
    add(MAGNET);
    long rid = maindata(0).get("rid").asLong();

    assertThat(
            status(post(API + "/torrents/addTags").param("hashes", HASH).param("tags", "late,x")))
        .isEqualTo(200);

    JsonNode update = maindata(rid);
    assertThat(update.get("torrents").get(HASH).get("tags").asText()).isEqualTo("late, x");
    assertThat(update.get("tags")).extracting(JsonNode::asText).containsExactly("late", "x");
    assertThat(hashes(get(API + "/torrents/info").param("tag", "late"))).containsExactly(HASH);
    assertThat(status(post(API + "/torrents/addTags").param("hashes", HASH))).isEqualTo(400);
    assertThat(
            status(
                post(API + "/torrents/addPeers")
                    .param("hashes", HASH)
                    .param("peers", "127.0.0.1:1")))
        .isEqualTo(200);
  }

  @Test
  void removeTagsTakesOffTheNamedTagsAndWithoutTagsEveryTagAsQbittorrentDoes() throws Exception {
    add(MAGNET, "movies", "media-request:a:1,media-request:b:2,keep");
    long rid = maindata(0).get("rid").asLong();

    assertThat(
            status(
                post(API + "/torrents/removeTags")
                    .param("hashes", HASH)
                    .param("tags", "media-request:a:1,not-there")))
        .isEqualTo(200);

    JsonNode update = maindata(rid);
    assertThat(update.get("torrents").get(HASH).get("tags").asText())
        .isEqualTo("keep, media-request:b:2");
    assertThat(status(post(API + "/torrents/removeTags").param("tags", "keep"))).isEqualTo(400);
    assertThat(status(post(API + "/torrents/removeTags").param("hashes", OTHER_HASH)))
        .isEqualTo(200);
    assertThat(onlyTorrent().get("tags").asText()).isEqualTo("keep, media-request:b:2");
    assertThat(status(post(API + "/torrents/removeTags").param("hashes", HASH))).isEqualTo(200);
    assertThat(onlyTorrent().get("tags").asText()).isEmpty();
    assertThat(status(get(API + "/torrents/removeTags").param("hashes", HASH))).isEqualTo(405);
  }

  @Test
  void filesListsTheOneVideoFileAndUnknownHashesAre404() throws Exception {
    add(MAGNET);

    JsonNode files = JSON.readTree(body(get(API + "/torrents/files").param("hash", HASH)));

    assertThat(files).hasSize(1);
    assertThat(files.get(0).get("name").asText()).isEqualTo(NAME + "/" + NAME + ".mkv");
    assertThat(files.get(0).get("size").asLong()).isEqualTo(SIZE);
    assertThat(status(get(API + "/torrents/files").param("hash", OTHER_HASH))).isEqualTo(404);
    assertThat(status(get(API + "/torrents/files"))).isEqualTo(400);
  }

  @Test
  void actionsNeedPostAndTheirParameters() throws Exception {
    assertThat(status(get(API + "/torrents/add"))).isEqualTo(405);
    assertThat(status(get(API + "/auth/login"))).isEqualTo(405);
    assertThat(status(post(API + "/torrents/delete").param("hashes", HASH))).isEqualTo(400);
    assertThat(status(post(API + "/torrents/pause"))).isEqualTo(400);
    assertThat(status(get(API + "/torrents/nothing"))).isEqualTo(404);
  }

  @Test
  void anOriginOrRefererForAnotherHostIsRejectedAsByQbittorrentsCsrfGuard() throws Exception {
    assertThat(status(get(API + "/app/version").header("Origin", "http://evil.example")))
        .isEqualTo(401);
    assertThat(status(get(API + "/app/version").header("Referer", "http://localhost/x")))
        .isEqualTo(200);
  }

  @Test
  void theOldestSessionsExpireWhenClientsLogInOverAndOver() throws Exception {
    for (int i = 0; i < SandboxQbittorrentApi.SESSIONS_KEPT; i++) {
      mvc.perform(post(API + "/auth/login"));
    }

    assertThat(status(get(API + "/app/version"))).isEqualTo(403);
    Cookie fresh = login("a", "b");
    assertThat(
            mvc.perform(get(API + "/app/version").cookie(fresh))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void sessionsDoNotSurviveARestart() throws Exception {
    SandboxQbittorrentApi api = new SandboxQbittorrentApi(client(), null, null);
    MockMvc restarting = MockMvcBuilders.routerFunctions(api.routes()).build();
    Cookie sid =
        restarting.perform(post(API + "/auth/login")).andReturn().getResponse().getCookie("SID");

    api.forgetSessions();

    assertThat(
            restarting
                .perform(get(API + "/app/version").cookie(sid))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
  }

  private MockMvc mvc(String username, String password) {
    return MockMvcBuilders.routerFunctions(
            new SandboxQbittorrentApi(client(), username, password).routes())
        .build();
  }

  private SandboxDownloadClient client() {
    return new SandboxDownloadClient(
        downloads, Duration.ofSeconds(20), SIZE, Duration.ofMinutes(100), clock);
  }

  private Cookie login(String username, String password) throws Exception {
    Cookie sid =
        mvc.perform(
                post(API + "/auth/login").param("username", username).param("password", password))
            .andReturn()
            .getResponse()
            .getCookie("SID");
    assertThat(sid).isNotNull();
    return sid;
  }

  private void add(String magnet) throws Exception {
    assertThat(body(post(API + "/torrents/add").param("urls", magnet))).isEqualTo("Ok.");
  }

  private void add(String magnet, String category, String tags) throws Exception {
    assertThat(
            body(
                post(API + "/torrents/add")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .param("urls", magnet)
                    .param("category", category)
                    .param("tags", tags)))
        .isEqualTo("Ok.");
  }

  private JsonNode onlyTorrent() throws Exception {
    List<JsonNode> torrents = torrents(get(API + "/torrents/info"));
    assertThat(torrents).hasSize(1);
    return torrents.get(0);
  }

  private List<JsonNode> torrents(MockHttpServletRequestBuilder request) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(request.cookie(session)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("application/json");
    List<JsonNode> torrents = new ArrayList<>();
    JSON.readTree(response.getContentAsString()).forEach(torrents::add);
    return torrents;
  }

  private List<String> hashes(MockHttpServletRequestBuilder request) throws Exception {
    return torrents(request).stream().map(t -> t.get("hash").asText()).toList();
  }

  private JsonNode maindata(long rid) throws Exception {
    return JSON.readTree(body(get(API + "/sync/maindata").param("rid", Long.toString(rid))));
  }

  private String body(MockHttpServletRequestBuilder request) throws Exception {
    MockHttpServletResponse response =
        mvc.perform(request.cookie(session)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.getContentAsString();
  }

  private int status(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.cookie(session)).andReturn().getResponse().getStatus();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
