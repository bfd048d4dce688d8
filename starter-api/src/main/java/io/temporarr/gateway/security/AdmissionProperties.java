package io.temporarr.gateway.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway admits before a delivery is authenticated, and how bursts of authenticated
 * deliveries are absorbed ({@code temporarr.gateway.admission.*}).
 *
 * @param inboxHighWaterMark a sender that never retries (Seerr) is not refused for rate: its
 *     authenticated deliveries past its budget are kept in the durable inbox (202 {@code queued}).
 *     While the inbox holds this many waiting entries or more, such a delivery is answered 503 with
 *     Retry-After instead
 * @param unverifiedLimitForPeriod signed deliveries ({@code /webhooks/events}) not verified yet are
 *     charged to a budget per client address: at most this many per {@code
 *     unverified-refresh-period}, then 429 with Retry-After, before the body is read. The shared
 *     {@code rate-limits.events} budget is charged only once the signature held
 * @param unverifiedRefreshPeriod the period of the per-address budget
 * @param bodyReadTimeout the whole body of a request must arrive within this time from its first
 *     read; a slower body is cut with 408
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.gateway.admission")
public record AdmissionProperties(
    @Min(1) @DefaultValue("10000") int inboxHighWaterMark,
    @Min(1) @DefaultValue("20") int unverifiedLimitForPeriod,
    @NotNull @DefaultValue("1s") Duration unverifiedRefreshPeriod,
    @NotNull @DefaultValue("10s") Duration bodyReadTimeout) {

  public AdmissionProperties {
    if (unverifiedRefreshPeriod != null
        && (unverifiedRefreshPeriod.isZero() || unverifiedRefreshPeriod.isNegative())) {
      throw new IllegalArgumentException("unverified-refresh-period must be positive");
    }
    if (bodyReadTimeout != null && (bodyReadTimeout.isZero() || bodyReadTimeout.isNegative())) {
      throw new IllegalArgumentException("body-read-timeout must be positive");
    }
  }
}
