package io.temporarr.gateway.security;

import org.springframework.http.HttpHeaders;

/** The callers of the gateway; each presents its own secret in its own header. */
public enum Credential {
  /**
   * Seerr's webhook agent sends the configured value verbatim in {@code Authorization}. It posts
   * each notification once and only logs a failure, so it {@link #sendsOnce() sends once}.
   */
  SEERR("seerr", HttpHeaders.AUTHORIZATION, false, true),
  /** qBittorrent's autorun command sends {@code X-Temporarr-Token}. */
  QBITTORRENT("qbittorrent", "X-Temporarr-Token"),
  /** Operators send {@code Authorization: Bearer <token>}. */
  OPERATOR("operator", HttpHeaders.AUTHORIZATION),
  /**
   * Signed senders (Standard Webhooks v1) send {@code webhook-signature}, an HMAC over the raw
   * body: only the handler, which holds the body, can check it (see {@code
   * io.temporarr.gateway.events.WebhookVerifier}).
   */
  EVENTS("events", "webhook-signature", true, false);

  private final String scheme;
  private final String header;
  private final boolean signsBody;
  private final boolean sendsOnce;

  Credential(String scheme, String header) {
    this(scheme, header, false, false);
  }

  Credential(String scheme, String header, boolean signsBody, boolean sendsOnce) {
    this.scheme = scheme;
    this.header = header;
    this.signsBody = signsBody;
    this.sendsOnce = sendsOnce;
  }

  /** The OpenAPI security scheme name. */
  public String scheme() {
    return scheme;
  }

  public String header() {
    return header;
  }

  /** True when the credential is a signature over the body, verified by the handler itself. */
  public boolean signsBody() {
    return signsBody;
  }

  /**
   * True when the caller never retries a delivery: a refused one is lost. Its authenticated
   * deliveries over the rate budget are therefore kept in the durable inbox instead of refused with
   * 429 (see {@code RateLimitInterceptor}).
   */
  public boolean sendsOnce() {
    return sendsOnce;
  }
}
