package io.temporarr.activities.seerr;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.JsonBodies;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Seerr / Overseerr / Jellyseerr API v1 ({@code /api/v1}, header {@code X-Api-Key}): reads a
 * request and sets its media's status.
 */
public final class SeerrClient {

  /** The request source name Seerr webhooks are accepted under ({@code media-request:seerr:…}). */
  public static final String SOURCE = "seerr";

  static final String SERVICE = "seerr";

  private static final okhttp3.MediaType JSON =
      okhttp3.MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl apiUrl;

  public SeerrClient(OkHttpClient client, SeerrSettings settings) {
    this.apiUrl = settings.baseUrl().newBuilder().addPathSegments("api/v1").build();
    String apiKey = settings.apiKey();
    this.client = HttpClients.withCredentialHeaders(client, Map.of("X-Api-Key", apiKey));
  }

  /**
   * {@code GET /api/v1/request/{id}}.
   *
   * @throws ApplicationFailure non-retryable {@code NotFound} when the request is gone (404) or has
   *     no media; non-retryable {@code MalformedResponse} for a body without a usable {@code
   *     media.id}; otherwise as mapped by {@code HttpFailures}
   */
  public SeerrRequest request(long requestId) {
    HttpUrl url =
        apiUrl
            .newBuilder()
            .addPathSegment("request")
            .addPathSegment(Long.toString(requestId))
            .build();
    Request request = new Request.Builder().url(url).get().build();
    return HttpCalls.execute(client, request, SERVICE, response -> parse(requestId, response));
  }

  /**
   * {@code POST /api/v1/media/{mediaId}/{status}} with {@code {"is4k": …}}. Idempotent: setting the
   * same status twice leaves it set.
   *
   * @throws ApplicationFailure as mapped by {@code HttpFailures} (404 when the media is gone)
   */
  public void setMediaStatus(long mediaId, SeerrMediaStatus status, boolean is4k) {
    HttpUrl url =
        apiUrl
            .newBuilder()
            .addPathSegment("media")
            .addPathSegment(Long.toString(mediaId))
            .addPathSegment(status.pathSegment())
            .build();
    String body = "{\"is4k\":" + is4k + "}";
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    HttpCalls.executeDiscarding(client, request, SERVICE);
  }

  private static SeerrRequest parse(long requestId, Response response) throws IOException {
    HttpUrl url = response.request().url();
    JsonNode root = JsonBodies.read(response, SERVICE);
    if (!root.isObject()) {
      throw HttpFailures.malformed(SERVICE, url, "not a request object");
    }
    JsonNode media = root.get("media");
    if (media == null || media.isNull()) {
      throw ApplicationFailure.newNonRetryableFailure(
          SERVICE + ": request " + requestId + " has no media", ErrorTypes.NOT_FOUND);
    }
    JsonNode mediaId = media.get("id");
    if (mediaId == null || !mediaId.canConvertToLong() || !mediaId.isIntegralNumber()) {
      throw HttpFailures.malformed(SERVICE, url, "media.id is not a number");
    }
    return new SeerrRequest(
        requestId,
        mediaId.asLong(),
        root.path("is4k").asBoolean(false),
        mediaType(root.path("type").asText("")),
        JsonBodies.list(root, "seasons", SERVICE, url, season -> seasonNumber(season, url)));
  }

  private static MediaType mediaType(String type) {
    return switch (type) {
      case "movie" -> MediaType.MOVIE;
      case "tv" -> MediaType.TV;
      default -> null;
    };
  }

  private static int seasonNumber(JsonNode season, HttpUrl url) {
    JsonNode number = season.get("seasonNumber");
    if (number == null || !number.isInt()) {
      throw HttpFailures.malformed(SERVICE, url, "seasons[].seasonNumber is not a number");
    }
    return number.asInt();
  }
}
