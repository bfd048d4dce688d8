package io.temporarr.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Gateway settings ({@code temporarr.gateway.*}). The four credentials have no default on purpose:
 * the application refuses to start until each is set, so a gateway is never exposed with a
 * guessable secret. Each credential guards exactly one caller, so rotating one leaves the others
 * untouched.
 *
 * @param seerr credential of the Seerr / Overseerr / Jellyseerr webhook agent
 * @param qbittorrent credential of qBittorrent's "run external program on torrent finished" call
 * @param operator credential of the operator API
 * @param maxBodySize request bodies larger than this are refused with 413
 * @param callTimeout upper bound of every Temporal call made for one HTTP request (start, signal,
 *     query, list, and the acceptance of an update); past it the answer is 503 with Retry-After
 * @param updateWait how long an operator action (or a Seerr decline) waits for the workflow to
 *     finish an accepted update before answering 202 instead of the new status
 * @param events signing secrets of {@code POST /webhooks/events}
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.gateway")
public record GatewayProperties(
    @Valid @DefaultValue Seerr seerr,
    @Valid @DefaultValue Qbittorrent qbittorrent,
    @Valid @DefaultValue Operator operator,
    @NotNull @DefaultValue("1MB") DataSize maxBodySize,
    @NotNull @DefaultValue("10s") Duration callTimeout,
    @NotNull @DefaultValue("10s") Duration updateWait,
    @Valid @DefaultValue Events events) {

  /**
   * @param authorization the exact {@code Authorization} header value configured in Seerr's webhook
   *     agent ("Authorization Header")
   */
  public record Seerr(
      @NotBlank(
              message =
                  "is required: set temporarr.gateway.seerr.authorization"
                      + " (environment variable TEMPORARR_GATEWAY_SEERR_AUTHORIZATION)"
                      + " to the Authorization header value configured in Seerr's webhook agent")
          String authorization) {
    @Override
    public String toString() {
      return "Seerr[authorization=<redacted>]";
    }
  }

  /**
   * @param token the value qBittorrent's autorun command sends in {@code X-Temporarr-Token}
   */
  public record Qbittorrent(
      @NotBlank(
              message =
                  "is required: set temporarr.gateway.qbittorrent.token"
                      + " (environment variable TEMPORARR_GATEWAY_QBITTORRENT_TOKEN)"
                      + " to the token qBittorrent's autorun command sends in X-Temporarr-Token")
          String token) {
    @Override
    public String toString() {
      return "Qbittorrent[token=<redacted>]";
    }
  }

  /**
   * @param token the bearer token of the operator API
   */
  public record Operator(
      @NotBlank(
              message =
                  "is required: set temporarr.gateway.operator.token"
                      + " (environment variable TEMPORARR_GATEWAY_OPERATOR_TOKEN)"
                      + " to the bearer token of the operator API")
          String token) {
    @Override
    public String toString() {
      return "Operator[token=<redacted>]";
    }
  }

  /**
   * @param secrets Standard Webhooks signing secrets, each {@code whsec_<base64 key>}; a delivery
   *     is authentic when one of its signatures matches any of them, so a new secret is added next
   *     to the old one while senders move over, then the old one is removed
   */
  public record Events(
      @NotEmpty(
              message =
                  "is required: set temporarr.gateway.events.secrets"
                      + " (environment variable TEMPORARR_GATEWAY_EVENTS_SECRETS) to one or more"
                      + " comma-separated whsec_<base64> secrets shared with the signed senders")
          List<
                  @NotBlank(
                      message =
                          "must not be blank: each of temporarr.gateway.events.secrets"
                              + " (TEMPORARR_GATEWAY_EVENTS_SECRETS) is whsec_<base64>")
                  String>
              secrets) {
    public Events {
      secrets = secrets == null ? List.of() : secrets;
    }

    @Override
    public String toString() {
      return "Events[secrets=<" + secrets.size() + " redacted>]";
    }
  }
}
