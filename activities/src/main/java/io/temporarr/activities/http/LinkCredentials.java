package io.temporarr.activities.http;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>It also carries the {@link LinkGuard} every such link, and each of its redirects, goes through
 * before it is fetched or handed to a download client: the links and where they may point are
 * decided in one place.
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

  private static final LinkCredentials NONE = new LinkCredentials(Map.of(), LinkGuard.permissive());

  private final Map<String, String> keysByOrigin;
  private final LinkGuard guard;

  private LinkCredentials(Map<String, String> keysByOrigin, LinkGuard guard) {
    this.keysByOrigin = Map.copyOf(keysByOrigin);
    this.guard = guard;
  }

  /**
   * Nothing to restore, and links may point anywhere ({@link LinkGuard#permissive()}): for tools
   * and tests that fetch links they trust. The worker always builds {@link #of(Map, LinkGuard)}.
   */
  public static LinkCredentials none() {
    return NONE;
  }

  /**
   * As {@link #of(Map, LinkGuard)}, links allowed to point only at public addresses and at the
   * indexers' own hosts.
   */
  public static LinkCredentials of(Map<HttpUrl, String> keysByIndexerUrl) {
    return of(keysByIndexerUrl, LinkGuard.allowing(hosts(keysByIndexerUrl.keySet())));
  }

  /**
   * The host of each URL, for {@link LinkGuard#allowing}: configured indexers may be on the LAN.
   */
  public static List<String> hosts(Collection<HttpUrl> indexerUrls) {
    return indexerUrls.stream().filter(Objects::nonNull).map(HttpUrl::host).distinct().toList();
  }

  /**
   * @param keysByIndexerUrl each indexer's URL (any path) and its API key; blank keys are ignored
   * @param guard where links may point
   */
  public static LinkCredentials of(Map<HttpUrl, String> keysByIndexerUrl, LinkGuard guard) {
    Map<String, String> byOrigin = new HashMap<>();
    keysByIndexerUrl.forEach(
        (url, key) -> {
          if (url != null && key != null && !key.isBlank()) {
            byOrigin.put(origin(url), key);
          }
        });
    return new LinkCredentials(byOrigin, guard);
  }

  /** Where links may point: check each link and redirect before it is fetched or handed on. */
  public LinkGuard guard() {
    return guard;
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
