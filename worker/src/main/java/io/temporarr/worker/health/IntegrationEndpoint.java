package io.temporarr.worker.health;

import okhttp3.HttpUrl;

/**
 * A configured external service the health endpoint checks for reachability.
 *
 * @param key the configuration key it comes from, e.g. {@code temporarr.download-clients.qbt}
 * @param url its configured URL; only the origin (scheme, host, port) is contacted or shown, as
 *     paths and queries can hold tokens (Discord and Slack webhook URLs do)
 */
public record IntegrationEndpoint(String key, HttpUrl url) {

  /** Scheme, host and port: what is probed and shown. */
  public HttpUrl origin() {
    return new HttpUrl.Builder().scheme(url.scheme()).host(url.host()).port(url.port()).build();
  }
}
