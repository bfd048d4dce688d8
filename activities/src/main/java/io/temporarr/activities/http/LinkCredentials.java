package io.temporarr.activities.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Keeps indexer credentials out of workflow histories.
 *
 * <p>Prowlarr and Jackett put their API key into every download link ({@code apikey=…}, {@code
 * jackett_apikey=…}). A release travels through the workflow as activity input and result, so the
 * search side {@linkplain #redact replaces those values with a placeholder}, and the download side
 * {@linkplain #restore puts the configured key back} just before fetching — only for the host and
 * port of the indexer the key belongs to, so a link can never send a key to another host.
 */
public final class LinkCredentials {

  /**
   * Query parameters that carry credentials in download links; {@code r} is the API key in a native
   * Newznab site's {@code getnzb} link ({@code ?i=<user id>&r=<api key>}).
   */
  public static final Set<String> PARAMETERS =
      Set.of("apikey", "api_key", "jackett_apikey", "passkey", "r");

  /** What a credential's value becomes in a redacted link. */
  public static final String PLACEHOLDER = "redacted";

  private static final LinkCredentials NONE = new LinkCredentials(Map.of());

  private final Map<String, String> keysByOrigin;

  private LinkCredentials(Map<String, String> keysByOrigin) {
    this.keysByOrigin = Map.copyOf(keysByOrigin);
  }

  /** Nothing to restore: links are fetched as they are. */
  public static LinkCredentials none() {
    return NONE;
  }

  /**
   * @param keysByIndexerUrl each indexer's URL (any path) and its API key; blank keys are ignored
   */
  public static LinkCredentials of(Map<HttpUrl, String> keysByIndexerUrl) {
    Map<String, String> byOrigin = new HashMap<>();
    keysByIndexerUrl.forEach(
        (url, key) -> {
          if (url != null && key != null && !key.isBlank()) {
            byOrigin.put(origin(url), key);
          }
        });
    return new LinkCredentials(byOrigin);
  }

  /**
   * Replaces the value of every credential parameter of an http(s) link with {@link #PLACEHOLDER}.
   * Anything else (magnets, text that is not a URL) comes back unchanged.
   */
  public static String redact(String link) {
    HttpUrl url = link == null ? null : HttpUrl.parse(link.trim());
    if (url == null) {
      return link;
    }
    HttpUrl.Builder builder = url.newBuilder();
    boolean changed = false;
    for (String name : url.queryParameterNames()) {
      if (PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
        builder.setQueryParameter(name, PLACEHOLDER);
        changed = true;
      }
    }
    return changed ? builder.build().toString() : link;
  }

  /**
   * Puts the configured key back into a redacted link of a configured indexer; other links come
   * back unchanged.
   */
  public HttpUrl restore(HttpUrl url) {
    String key = keysByOrigin.get(origin(url));
    if (key == null) {
      return url;
    }
    HttpUrl.Builder builder = url.newBuilder();
    boolean changed = false;
    for (String name : url.queryParameterNames()) {
      if (PARAMETERS.contains(name.toLowerCase(Locale.ROOT))
          && PLACEHOLDER.equals(url.queryParameter(name))) {
        builder.setQueryParameter(name, key);
        changed = true;
      }
    }
    return changed ? builder.build() : url;
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
  }
}
