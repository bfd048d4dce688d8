package io.temporarr.activities.plex;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.JsonBodies;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Plex Media Server library scans. Authenticates with the {@code X-Plex-Token} header (never the
 * query parameter, so the token stays out of URLs and anything that prints them) and asks for JSON
 * ({@code Accept: application/json}; Plex answers XML otherwise).
 *
 * <p>{@link #refresh(String)} reads the library sections, picks the one whose folder holds the
 * imported path (the longest such folder, so a nested library wins over its parent) and asks it for
 * a partial scan of that folder only. Both calls are idempotent: rescanning a folder twice is
 * harmless.
 */
public final class PlexClient {

  static final String SERVICE = "plex";

  private final OkHttpClient client;
  private final HttpUrl baseUrl;

  public PlexClient(OkHttpClient client, PlexSettings settings) {
    this.baseUrl = settings.baseUrl();
    String token = settings.token();
    // Plex answers XML unless asked for JSON.
    this.client =
        HttpClients.withCredentialHeaders(
            client, Map.of("X-Plex-Token", token, "Accept", "application/json"));
  }

  /**
   * Makes Plex pick up new files under {@code path} (as Plex sees it): a partial scan of the
   * section holding it; every section is scanned when {@code path} is blank.
   *
   * @throws ApplicationFailure non-retryable {@code ConfigurationError} when no section's folder
   *     holds {@code path} (nothing is scanned; the message names the path and every section's
   *     folders); non-retryable {@code MalformedResponse} for an unreadable section list; otherwise
   *     as mapped by {@code HttpFailures} (e.g. non-retryable {@code Unauthorized} for a wrong
   *     token)
   */
  public void refresh(String path) {
    List<PlexSection> sections = sections();
    if (path == null || path.isBlank()) {
      sections.forEach(section -> refreshSection(section, null));
      return;
    }
    String folder = PlexSection.withoutTrailingSlash(path);
    PlexSection best = null;
    int bestLength = -1;
    for (PlexSection section : sections) {
      int length = section.matchLength(folder);
      if (length > bestLength) {
        best = section;
        bestLength = length;
      }
    }
    if (best == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          SERVICE
              + ": no library section holds "
              + folder
              + " (section locations: "
              + describe(sections)
              + ")",
          ErrorTypes.CONFIGURATION);
    }
    refreshSection(best, folder);
  }

  /** {@code GET /library/sections}. */
  List<PlexSection> sections() {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("library/sections").build();
    Request request = new Request.Builder().url(url).get().build();
    return HttpCalls.execute(client, request, SERVICE, PlexClient::parseSections);
  }

  /** {@code GET /library/sections/{key}/refresh[?path=…]}: answers at once, scans in background. */
  void refreshSection(PlexSection section, String folder) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegments("library/sections")
            .addPathSegment(section.key())
            .addPathSegment("refresh");
    if (folder != null) {
      url.addQueryParameter("path", folder);
    }
    HttpCalls.executeDiscarding(
        client, new Request.Builder().url(url.build()).get().build(), SERVICE);
  }

  private static String describe(List<PlexSection> sections) {
    if (sections.isEmpty()) {
      return "none";
    }
    return sections.stream()
        .map(section -> section.title() + "=" + String.join("|", section.locations()))
        .collect(Collectors.joining(", "));
  }

  private static List<PlexSection> parseSections(Response response) throws IOException {
    HttpUrl url = response.request().url();
    JsonNode container = JsonBodies.read(response, SERVICE).get("MediaContainer");
    if (container == null || !container.isObject()) {
      throw HttpFailures.malformed(SERVICE, url, "no MediaContainer object");
    }
    // A server without libraries leaves Directory out.
    return JsonBodies.list(
        container, "Directory", SERVICE, url, directory -> section(directory, url));
  }

  private static PlexSection section(JsonNode directory, HttpUrl url) {
    JsonNode key = directory.get("key");
    if (key == null || !(key.isTextual() || key.isIntegralNumber()) || key.asText().isBlank()) {
      throw HttpFailures.malformed(SERVICE, url, "Directory[].key is missing");
    }
    List<String> locations =
        JsonBodies.list(
            directory,
            "Location",
            SERVICE,
            url,
            location -> {
              JsonNode path = location.get("path");
              if (path == null || !path.isTextual()) {
                throw HttpFailures.malformed(SERVICE, url, "Location[].path is not text");
              }
              return path.asText();
            });
    return new PlexSection(key.asText(), directory.path("title").asText(key.asText()), locations);
  }
}
