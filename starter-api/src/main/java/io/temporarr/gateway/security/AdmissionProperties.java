package io.temporarr.gateway.security;

import jakarta.validation.constraints.Min;
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
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.gateway.admission")
public record AdmissionProperties(@Min(1) @DefaultValue("10000") int inboxHighWaterMark) {}
