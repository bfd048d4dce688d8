package io.temporarr.activities.jellyfin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Jellyfin library refresh. Authenticates with {@code Authorization: MediaBrowser Token="<key>"}.
 *
 * <p>{@link #refresh(String)} first asks for a targeted rescan of one folder ({@code POST
 * /Library/Media/Updated}, answered at once); only when the server does not understand it (404 or
 * 400, older servers) does it fall back to a full {@code POST /Library/Refresh}, which Jellyfin
 * answers only after the whole scan, hence its own long read and call timeout. Both calls are
 * idempotent: rescanning the same folder twice is harmless.
 */
public final class JellyfinClient {

  static final String SERVICE = "jellyfin";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient client;
  private final OkHttpClient fullRefreshClient;
  private final HttpUrl baseUrl;

  public JellyfinClient(OkHttpClient client, JellyfinSettings settings) {
    this.baseUrl = settings.baseUrl();
    String authorization = "MediaBrowser Token=\"" + settings.apiKey() + "\"";
    this.client = HttpClients.withCredentialHeaders(client, Map.of("Authorization", authorization));
    this.fullRefreshClient =
        this.client
            .newBuilder()
            .readTimeout(settings.refreshTimeout())
            .callTimeout(settings.refreshTimeout())
            .build();
  }

  /**
   * Makes Jellyfin pick up new files under {@code path} (as Jellyfin sees it): targeted rescan,
   * full refresh when the server lacks the targeted endpoint or {@code path} is blank.
   *
   * @throws ApplicationFailure as mapped by {@code HttpFailures} (e.g. non-retryable {@code
   *     Unauthorized} for a wrong key)
   */
  public void refresh(String path) {
    if (path == null || path.isBlank()) {
      refreshAll();
      return;
    }
    try {
      mediaUpdated(path);
    } catch (ApplicationFailure failure) {
      if (!ErrorTypes.NOT_FOUND.equals(failure.getType())
          && !ErrorTypes.BAD_REQUEST.equals(failure.getType())) {
        throw failure;
      }
      refreshAll();
    }
  }

  /** {@code POST /Library/Media/Updated}: rescans one folder; answers 204 at once. */
  void mediaUpdated(String path) {
    String body = json(Map.of("Updates", List.of(Map.of("Path", path, "UpdateType", "Created"))));
    Request request =
        new Request.Builder()
            .url(baseUrl.newBuilder().addPathSegments("Library/Media/Updated").build())
            .post(RequestBody.create(body, JSON))
            .build();
    HttpCalls.executeDiscarding(client, request, SERVICE);
  }

  /** {@code POST /Library/Refresh}: scans every library; answers 204 when the scan is done. */
  void refreshAll() {
    Request request =
        new Request.Builder()
            .url(baseUrl.newBuilder().addPathSegments("Library/Refresh").build())
            .post(RequestBody.create(new byte[0], null))
            .build();
    HttpCalls.executeDiscarding(fullRefreshClient, request, SERVICE);
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Maps of strings always serialise; reaching this is a programming error.
      throw new IllegalStateException("cannot serialise Jellyfin request", e);
    }
  }
}
