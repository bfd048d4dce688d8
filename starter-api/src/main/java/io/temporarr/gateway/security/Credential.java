package io.temporarr.gateway.security;

import org.springframework.http.HttpHeaders;

/** The callers of the gateway; each presents its own secret in its own header. */
public enum Credential {
  /** Seerr's webhook agent sends the configured value verbatim in {@code Authorization}. */
  SEERR("seerr", HttpHeaders.AUTHORIZATION),
  /** qBittorrent's autorun command sends {@code X-Temporarr-Token}. */
  QBITTORRENT("qbittorrent", "X-Temporarr-Token"),
  /** Operators send {@code Authorization: Bearer <token>}. */
  OPERATOR("operator", HttpHeaders.AUTHORIZATION);

  private final String scheme;
  private final String header;

  Credential(String scheme, String header) {
    this.scheme = scheme;
    this.header = header;
  }

  /** The OpenAPI security scheme name. */
  public String scheme() {
    return scheme;
  }

  public String header() {
    return header;
  }
}
