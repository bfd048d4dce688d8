package io.temporarr.activities.plex;

import static io.temporarr.activities.testing.FailureAssertions.NON_RETRYABLE;
import static io.temporarr.activities.testing.FailureAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class PlexClientTest {

  private static final String TOKEN = "pLeXt0kenF0rTests-xyz";

  /**
   * {@code GET /library/sections} with {@code Accept: application/json}, as Plex Media Server
   * answers it (trimmed of artwork fields): keys are strings, every section lists its folders.
   */
  static final String SECTIONS =
      """
      {"MediaContainer":{"size":3,"allowSync":false,"title1":"Plex Library","Directory":[
        {"allowSync":true,"art":"/:/resources/movie-fanart.jpg","composite":"/library/sections/1/composite/1700000000",
         "filters":true,"refreshing":false,"thumb":"/:/resources/movie.png","key":"1","type":"movie",
         "title":"Movies","agent":"tv.plex.agents.movie","scanner":"Plex Movie","language":"en-US",
         "uuid":"4f0a1c2e-1111-4c5e-9a55-0d6a7c1e2f3a","updatedAt":1700000000,"createdAt":1690000000,
         "scannedAt":1700000000,"content":true,"directory":true,"contentChangedAt":2345,"hidden":0,
         "Location":[{"id":1,"path":"/data/media/movies"}]},
        {"allowSync":true,"key":"2","type":"show","title":"TV Shows","agent":"tv.plex.agents.series",
         "scanner":"Plex TV Series","language":"en-US","refreshing":false,
         "Location":[{"id":2,"path":"/data/media/tv"},{"id":4,"path":"/mnt/more-tv/"}]},
        {"allowSync":true,"key":"3","type":"movie","title":"4K Movies","refreshing":false,
         "Location":[{"id":3,"path":"/data/media/movies/4k"}]}
      ]}}
      """;

  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void scansOnlyTheFolderInTheSectionThatHoldsIt() throws Exception {
    server.enqueue(json(SECTIONS));
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    plex().refresh("/data/media/tv/Severance (2022)/Season 01");

    RecordedRequest sections = take();
    assertThat(sections.getMethod()).isEqualTo("GET");
    assertThat(sections.getTarget()).isEqualTo("/library/sections");
    assertThat(sections.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(sections.getHeaders().get("Accept")).isEqualTo("application/json");
    RecordedRequest refresh = take();
    assertThat(refresh.getMethod()).isEqualTo("GET");
    assertThat(refresh.getTarget())
        .isEqualTo(
            "/library/sections/2/refresh?path=%2Fdata%2Fmedia%2Ftv%2FSeverance%20%282022%29%2FSeason%2001");
    assertThat(refresh.getUrl().queryParameter("path"))
        .isEqualTo("/data/media/tv/Severance (2022)/Season 01");
    assertThat(refresh.getUrl().queryParameter("X-Plex-Token")).isNull();
    assertThat(refresh.getHeaders().get("X-Plex-Token")).isEqualTo(TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theLongestMatchingLocationWinsAndPathCharactersAreEncoded() throws Exception {
    server.enqueue(json(SECTIONS));
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    plex().refresh("/data/media/movies/4k/Amélie & Nino (2001)/");

    take();
    RecordedRequest refresh = take();
    assertThat(refresh.getUrl().encodedPath()).isEqualTo("/library/sections/3/refresh");
    assertThat(refresh.getTarget())
        .endsWith("?path=%2Fdata%2Fmedia%2Fmovies%2F4k%2FAm%C3%A9lie%20%26%20Nino%20%282001%29");
    assertThat(refresh.getUrl().queryParameter("path"))
        .isEqualTo("/data/media/movies/4k/Amélie & Nino (2001)");
  }

  @Test
  void aLocationWithATrailingSlashStillHoldsItsSubfolders() throws Exception {
    server.enqueue(json(SECTIONS));
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    plex().refresh("/mnt/more-tv/Andor/Season 2");

    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/library/sections/2/refresh");
  }

  @Test
  void noSectionHoldingThePathIsANonRetryableConfigurationErrorAndNothingIsScanned() {
    server.enqueue(json(SECTIONS));

    // A sibling folder sharing a prefix is not inside the section's folder.
    ApplicationFailure failure =
        assertFailure(
            () -> plex().refresh("/data/media/movies-old/Dune (2021)"),
            ErrorTypes.CONFIGURATION,
            NON_RETRYABLE);
    assertThat(failure.getOriginalMessage())
        .contains("/data/media/movies-old/Dune (2021)")
        .contains("Movies=/data/media/movies")
        .contains("TV Shows=/data/media/tv|/mnt/more-tv/")
        .contains("4K Movies=/data/media/movies/4k")
        .doesNotContain(TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServerWithoutLibrariesSaysSo() {
    server.enqueue(json("{\"MediaContainer\":{\"size\":0,\"title1\":\"Plex Library\"}}"));

    ApplicationFailure failure =
        assertFailure(
            () -> plex().refresh("/data/media/tv/Andor"), ErrorTypes.CONFIGURATION, NON_RETRYABLE);
    assertThat(failure.getOriginalMessage()).contains("section locations: none");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutAPathEverySectionIsScannedWhole() throws Exception {
    server.enqueue(json(SECTIONS));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse(200, Headers.of(), ""));
    }

    plex().refresh(" ");

    take();
    assertThat(take().getTarget()).isEqualTo("/library/sections/1/refresh");
    assertThat(take().getTarget()).isEqualTo("/library/sections/2/refresh");
    assertThat(take().getTarget()).isEqualTo("/library/sections/3/refresh");
  }

  @Test
  void wrongTokenIsNonRetryableUnauthorizedWithoutTheToken() {
    server.enqueue(new MockResponse(401, Headers.of(), "<html>Unauthorized</html>"));

    ApplicationFailure failure =
        assertFailure(
            () -> plex().refresh("/data/media/tv/Andor"), ErrorTypes.UNAUTHORIZED, NON_RETRYABLE);
    assertThat(failure.getMessage()).contains("plex", "401").doesNotContain(TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "<?xml version=\"1.0\"?><MediaContainer size=\"0\"/>",
        "[]",
        "{\"MediaContainer\":{\"Directory\":{\"key\":\"1\"}}}",
        "{\"MediaContainer\":{\"Directory\":[{\"title\":\"no key\"}]}}",
        "{\"MediaContainer\":{\"Directory\":[{\"key\":\"1\",\"Location\":{\"path\":\"/x\"}}]}}",
        "{\"MediaContainer\":{\"Directory\":[{\"key\":\"1\",\"Location\":[{\"id\":1}]}]}}"
      })
  void unreadableSectionListIsNonRetryableMalformedResponse(String body) {
    server.enqueue(json(body));

    ApplicationFailure failure =
        assertFailure(
            () -> plex().refresh("/data/media/tv/Andor"),
            ErrorTypes.MALFORMED_RESPONSE,
            NON_RETRYABLE);
    assertThat(failure.getMessage()).doesNotContain(TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void numericSectionKeysAndSectionsWithoutFoldersAreAccepted() throws Exception {
    server.enqueue(
        json(
            "{\"MediaContainer\":{\"Directory\":[{\"key\":7,\"title\":\"Empty\"},"
                + "{\"key\":8,\"Location\":[{\"path\":\"/\"}]}]}}"));
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    plex().refresh("/anything/at/all");

    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/library/sections/8/refresh");
  }

  @Test
  void settingsRejectMissingOrUnsendableTokensAndHideTheToken() {
    assertThatThrownBy(() -> new PlexSettings(server.url("/"), "bad token"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("bad token");
    assertThatThrownBy(() -> new PlexSettings(server.url("/"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlexSettings(null, TOKEN))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(new PlexSettings(server.url("/"), TOKEN).toString())
        .doesNotContain(TOKEN)
        .contains("token=***");
  }

  private PlexClient plex() {
    return new PlexClient(HttpClients.create(), new PlexSettings(server.url("/"), TOKEN));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static MockResponse json(String body) {
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), body);
  }
}
