package io.temporarr.gateway.inbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Durable inbox settings ({@code temporarr.gateway.inbox.*}).
 *
 * @param path the SQLite database file; created (with its folder) on start-up. Keep it on a
 *     persistent local disk: it holds every acknowledged event Temporal has not taken yet
 * @param initialBackoff first pause of the drainer after a failed delivery; doubles per failure
 * @param maxBackoff longest pause between two delivery attempts while Temporal stays unreachable
 * @param maxAttempts attempts of an entry that fails for an unclassified reason (neither
 *     "unreachable" nor a rejection) before it becomes a dead letter; unreachability never counts
 * @param backlogAge when the oldest waiting entry is older than this, health reports {@code
 *     BACKLOGGED} (still answering 200: the gateway keeps accepting webhooks)
 * @param deadLetterRetention how long a dead letter is kept for inspection; the drainer deletes
 *     older ones
 * @param fullRetryAfter the {@code Retry-After} of the 503 answered when the inbox cannot store a
 *     delivery (full disk, read-only or failing filesystem)
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.gateway.inbox")
public record InboxProperties(
    @NotNull @DefaultValue("./data/gateway-inbox.db") Path path,
    @NotNull @DefaultValue("1s") Duration initialBackoff,
    @NotNull @DefaultValue("1m") Duration maxBackoff,
    @Min(1) @DefaultValue("10") int maxAttempts,
    @NotNull @DefaultValue("10m") Duration backlogAge,
    @NotNull @DefaultValue("30d") Duration deadLetterRetention,
    @NotNull @DefaultValue("30s") Duration fullRetryAfter) {}
