package io.temporarr.worker.policy;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How request workflows behave ({@code temporarr.requests.*}); handed to workflows as a {@code
 * RequestPolicy} through the {@code RequestPolicy} local activity (ADR 0001), so a change applies
 * to requests started afterwards.
 *
 * @param downloadClient the {@code temporarr.download-clients} entry releases go to
 * @param notifiers names of {@code temporarr.notifiers} entries that hear about request events
 * @param stallTimeout no download progress for this long = stalled (blocklist, next release)
 * @param researchInterval wait between searches while nothing acceptable is found
 * @param wantedTimeout searching gives up (NeedsAttention) after this long without a release
 * @param maxReleaseAttempts releases tried before the request needs attention
 * @param needsAttentionTimeout how long NeedsAttention waits for an operator before Failed
 * @param deleteFilesOnCancel remove partial files with the torrent when a request is cancelled
 * @param maxWaitIterations wait loops before a run continues as new (keeps history bounded)
 * @param queuedTimeout how long a download may wait queued or paused in its client (never judged as
 *     a stall) before the request needs attention; the download is kept
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.requests")
public record RequestProperties(
    @NotBlank(message = "must name one of temporarr.download-clients, e.g. qbittorrent")
        String downloadClient,
    List<@NotBlank String> notifiers,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("30m") Duration stallTimeout,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration researchInterval,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("14d") Duration wantedTimeout,
    @Min(1) @DefaultValue("5") int maxReleaseAttempts,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("7d") Duration needsAttentionTimeout,
    @DefaultValue("false") boolean deleteFilesOnCancel,
    @Min(1) @DefaultValue("500") int maxWaitIterations,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("7d") Duration queuedTimeout) {

  public RequestProperties {
    notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
  }
}
