package io.temporarr.worker.retry;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Timeouts and retry policy of one activity type ({@code temporarr.activities.<type>}). A value
 * left unset falls back to {@code temporarr.activities.defaults}; an unset default falls back to
 * Temporal's own default (initial interval 1s, backoff 2.0, maximum interval 100 × initial,
 * unlimited attempts).
 *
 * @param startToClose longest single attempt
 * @param scheduleToClose longest time for all attempts together, retries included
 * @param heartbeatTimeout only for activities that heartbeat: an attempt silent for longer fails
 * @param maximumAttempts 0 means unlimited (bounded by schedule-to-close)
 * @param nonRetryableErrorTypes failure types ({@code ErrorTypes}) never retried; added to the
 *     defaults' list, not replacing it
 */
public record ActivitySettings(
    @DurationMin(nanos = 1, message = POSITIVE) Duration startToClose,
    @DurationMin(nanos = 1, message = POSITIVE) Duration scheduleToClose,
    @DurationMin(nanos = 1, message = POSITIVE) Duration heartbeatTimeout,
    @DurationMin(nanos = 1, message = POSITIVE) Duration initialInterval,
    @DurationMin(nanos = 1, message = POSITIVE) Duration maximumInterval,
    @DecimalMin(
            value = "1.0",
            message =
                "must be 1.0 or more (1.0 retries at a constant interval, 2.0 doubles it);"
                    + " set e.g. backoff-coefficient: 2.0")
        Double backoffCoefficient,
    @PositiveOrZero(message = "must be 0 (unlimited) or more; set e.g. maximum-attempts: 5")
        Integer maximumAttempts,
    List<String> nonRetryableErrorTypes) {

  static final String POSITIVE = "must be a positive duration; write it like 30s, 5m or 2h";

  public ActivitySettings {
    nonRetryableErrorTypes =
        nonRetryableErrorTypes == null ? List.of() : List.copyOf(nonRetryableErrorTypes);
  }

  /** No override at all: every value comes from the defaults. */
  static ActivitySettings inheritAll() {
    return new ActivitySettings(null, null, null, null, null, null, null, null);
  }

  /** This type's values, each unset one taken from {@code defaults}. */
  ActivitySettings withDefaults(ActivitySettings defaults) {
    Set<String> types = new LinkedHashSet<>(defaults.nonRetryableErrorTypes());
    types.addAll(nonRetryableErrorTypes);
    return new ActivitySettings(
        first(startToClose, defaults.startToClose()),
        first(scheduleToClose, defaults.scheduleToClose()),
        first(heartbeatTimeout, defaults.heartbeatTimeout()),
        first(initialInterval, defaults.initialInterval()),
        first(maximumInterval, defaults.maximumInterval()),
        first(backoffCoefficient, defaults.backoffCoefficient()),
        first(maximumAttempts, defaults.maximumAttempts()),
        List.copyOf(types));
  }

  private static <T> T first(T own, T fallback) {
    return own != null ? own : fallback;
  }
}
