package io.temporarr.worker.integrations;

import io.temporarr.activities.download.SeedingGoals;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * What a torrent client does with imported downloads ({@code
 * temporarr.download-clients.<name>.seeding}). Without any setting, imported torrents keep seeding
 * (the behaviour people expect from a torrent client); private trackers set a ratio and/or a time.
 *
 * @param ratio uploaded ÷ size to reach before removal, e.g. {@code 1.0}
 * @param time seeding time to reach before removal, e.g. {@code 72h}
 * @param removeImported remove imported downloads: once a goal is met, or right after import when
 *     no goal is set; defaults to true when a goal is set, false otherwise
 */
public record SeedingProperties(
    @DecimalMin(value = "0.0", message = "must be 0 or more, e.g. 1.0") Double ratio,
    @DurationMin(seconds = 0, message = "must not be negative, e.g. 72h") Duration time,
    Boolean removeImported) {

  SeedingGoals toGoals() {
    boolean remove = removeImported != null ? removeImported : ratio != null || time != null;
    return new SeedingGoals(ratio, time, remove);
  }
}
