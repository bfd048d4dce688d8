package io.temporarr.activities.seerr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import java.util.List;
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
class SeerrClientTest {

  private static final String KEY = "TUFTVEVSS0VZLTEyMzQ1Njc4OTA=";

  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void readsMediaIdTypeQualityAndRequestedSeasons() throws Exception {
    server.enqueue(
        json(
            "{\"id\":12,\"status\":2,\"type\":\"tv\",\"is4k\":true,"
                + "\"media\":{\"id\":77,\"tmdbId\":95396,\"status\":3},"
                + "\"seasons\":[{\"id\":1,\"seasonNumber\":1,\"status\":2},"
                + "{\"id\":2,\"seasonNumber\":2,\"status\":2}]}"));

    SeerrRequest request = seerr().request(12);

    assertThat(request).isEqualTo(new SeerrRequest(12, 77, true, MediaType.TV, List.of(1, 2)));
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("GET");
    assertThat(sent.getTarget()).isEqualTo("/api/v1/request/12");
    assertThat(sent.getHeaders().get("X-Api-Key")).isEqualTo(KEY);
  }

  @Test
  void movieRequestWithoutSeasonsOrQualityDefaultsToEmptyAndNot4k() {
    server.enqueue(json("{\"id\":5,\"type\":\"movie\",\"media\":{\"id\":8}}"));

    assertThat(seerr().request(5)).isEqualTo(new SeerrRequest(5, 8, false, MediaType.MOVIE, null));
  }

  @Test
  void setsTheMediaStatusUnderTheApiPrefix() throws Exception {
    server.enqueue(json("{}"));
    SeerrClient seerr =
        new SeerrClient(HttpClients.create(), new SeerrSettings(server.url("/seerr/"), KEY));

    seerr.setMediaStatus(77, SeerrMediaStatus.PARTIAL, false);

    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getTarget()).isEqualTo("/seerr/api/v1/media/77/partial");
    assertThat(sent.getHeaders().get("X-Api-Key")).isEqualTo(KEY);
    assertThat(sent.getBody().utf8()).isEqualTo("{\"is4k\":false}");
  }

  @Test
  void missingRequestIsNonRetryableNotFound() {
    server.enqueue(new MockResponse(404, Headers.of(), "{\"message\":\"Request not found.\"}"));

    assertThatThrownBy(() -> seerr().request(404))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void requestWithoutMediaIsNonRetryableNotFound() {
    server.enqueue(json("{\"id\":5,\"media\":null}"));

    assertThatThrownBy(() -> seerr().request(5))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage()).contains("request 5 has no media");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html>Seerr is starting</html>",
        "[1,2]",
        "{\"media\":{\"id\":\"seven\"}}",
        "{\"media\":{}}",
        "{\"media\":{\"id\":7},\"seasons\":{}}",
        "{\"media\":{\"id\":7},\"seasons\":[{\"seasonNumber\":\"one\"}]}"
      })
  void bodyWithoutAUsableMediaIdIsNonRetryableMalformedResponse(String body) {
    server.enqueue(json(body));

    assertThatThrownBy(() -> seerr().request(5))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void unauthorizedAndServerErrorsNeverShowTheApiKey() {
    server.enqueue(new MockResponse(401, Headers.of(), "{\"message\":\"bad key " + KEY + "\"}"));
    server.enqueue(new MockResponse(500, Headers.of(), ""));

    assertThatThrownBy(() -> seerr().request(5))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.getMessage()).contains("seerr", "401").doesNotContain(KEY);
            });
    assertThatThrownBy(() -> seerr().setMediaStatus(7, SeerrMediaStatus.AVAILABLE, false))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getMessage()).doesNotContain(KEY);
            });
  }

  @Test
  void availabilityDependsOnTypeAndCompletedSeasons() {
    SeerrRequest tv = new SeerrRequest(1, 2, false, MediaType.TV, List.of(1, 2));
    SeerrRequest movie = new SeerrRequest(1, 2, false, MediaType.MOVIE, null);
    SeerrRequest untyped = new SeerrRequest(1, 2, false, null, List.of(3));

    assertThat(movie.statusAfter(null, List.of())).isEqualTo(SeerrMediaStatus.AVAILABLE);
    assertThat(tv.statusAfter(MediaType.TV, List.of(1, 2, 3)))
        .isEqualTo(SeerrMediaStatus.AVAILABLE);
    assertThat(tv.statusAfter(MediaType.TV, List.of(2))).isEqualTo(SeerrMediaStatus.PARTIAL);
    assertThat(tv.statusAfter(null, List.of())).isEqualTo(SeerrMediaStatus.PARTIAL);
    assertThat(untyped.statusAfter(MediaType.TV, List.of(3))).isEqualTo(SeerrMediaStatus.AVAILABLE);
    assertThat(untyped.statusAfter(MediaType.MOVIE, List.of()))
        .isEqualTo(SeerrMediaStatus.AVAILABLE);
  }

  @Test
  void settingsRejectMissingOrUnsendableKeysAndHideTheKey() {
    assertThatThrownBy(() -> new SeerrSettings(server.url("/"), "key with space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("key with space");
    assertThatThrownBy(() -> new SeerrSettings(server.url("/"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SeerrSettings(null, KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SeerrSettings(server.url("/"), KEY).toString())
        .doesNotContain(KEY)
        .contains("apiKey=***");
  }

  private SeerrClient seerr() {
    return new SeerrClient(HttpClients.create(), new SeerrSettings(server.url("/"), KEY));
  }

  private static MockResponse json(String body) {
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), body);
  }
}
