package io.temporarr.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param json parser limits for JSON bodies
 * @param rateLimits per-source request rates; past them the answer is 429 with Retry-After
 * @param ssrf exceptions to the SSRF guard for URLs the worker will fetch
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
    @Valid @DefaultValue Events events,
    @Valid @DefaultValue Json json,
    @Valid @DefaultValue RateLimits rateLimits,
    @Valid @DefaultValue Ssrf ssrf) {

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

  /**
   * Limits the JSON parser enforces while reading a body, so a small but hostile document (deeply
   * nested, or one huge string) is refused with 400 before it costs stack or memory.
   *
   * @param maxNestingDepth deepest allowed nesting of arrays and objects
   * @param maxStringLength longest allowed string value, in characters
   */
  public record Json(
      @Min(1) @Max(1000) @DefaultValue("32") int maxNestingDepth,
      @Min(1) @DefaultValue("65536") int maxStringLength) {}

  /**
   * One request budget per caller ({@code temporarr.gateway.rate-limits.<source>}); a source left
   * out, or a field left out, keeps its default. The defaults sit far above what a real sender
   * produces (Seerr sends one webhook per event), so they only bite a runaway or hostile sender.
   *
   * @param seerr {@code POST /webhooks/seerr}; default 20 per second
   * @param qbittorrent {@code POST /webhooks/qbittorrent}; default 50 per second
   * @param events {@code POST /webhooks/events}; default 50 per second
   * @param operator the operator API; default 20 per second
   */
  public record RateLimits(
      @Valid RateLimit seerr,
      @Valid RateLimit qbittorrent,
      @Valid RateLimit events,
      @Valid RateLimit operator) {
    private static final Duration SECOND = Duration.ofSeconds(1);

    public RateLimits {
      seerr = RateLimit.orDefaults(seerr, 20, SECOND);
      qbittorrent = RateLimit.orDefaults(qbittorrent, 50, SECOND);
      events = RateLimit.orDefaults(events, 50, SECOND);
      operator = RateLimit.orDefaults(operator, 20, SECOND);
    }

    /**
     * The limit of a source, by the name its credential's security scheme carries.
     *
     * @throws IllegalArgumentException for a source without a limit
     */
    public RateLimit of(String source) {
      return switch (source) {
        case "seerr" -> seerr;
        case "qbittorrent" -> qbittorrent;
        case "events" -> events;
        case "operator" -> operator;
        default -> throw new IllegalArgumentException("no rate limit for source " + source);
      };
    }
  }

  /**
   * At most {@code limitForPeriod} requests per {@code refreshPeriod}; the budget refills at the
   * start of each period (no queueing: a request over budget is refused at once).
   */
  public record RateLimit(@Min(1) Integer limitForPeriod, Duration refreshPeriod) {
    public RateLimit {
      if (refreshPeriod != null && (refreshPeriod.isZero() || refreshPeriod.isNegative())) {
        throw new IllegalArgumentException("refresh-period must be positive");
      }
    }

    static RateLimit orDefaults(RateLimit configured, int limitForPeriod, Duration refreshPeriod) {
      if (configured == null) {
        return new RateLimit(limitForPeriod, refreshPeriod);
      }
      return new RateLimit(
          configured.limitForPeriod() == null ? limitForPeriod : configured.limitForPeriod(),
          configured.refreshPeriod() == null ? refreshPeriod : configured.refreshPeriod());
    }
  }

  /**
   * @param allow hosts (exact name), addresses or CIDR ranges that URLs may point to although the
   *     SSRF guard would refuse them, e.g. {@code jellyfin.lan} or {@code 192.168.1.0/24}
   */
  public record Ssrf(@NotNull @DefaultValue List<String> allow) {}
}
