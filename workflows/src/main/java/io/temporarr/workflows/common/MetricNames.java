package io.temporarr.workflows.common;

/**
 * Names and tag keys of Temporarr's business metrics, in one place for the workflow, the worker and
 * the alert rules. Micrometer's Prometheus registry appends {@code _total} to counters and {@code
 * _seconds} to timers. Tags stay low-cardinality: never workflow IDs, titles or release names.
 */
public final class MetricNames {

  /** Counter: every state or stage change, tags {@code state}, {@code stage}, {@code cause}. */
  public static final String REQUEST_TRANSITIONS = "temporarr_request_transitions";

  /** Counter: requests that reached a final state, tag {@code state}. */
  public static final String REQUESTS_FINISHED = "temporarr_requests_finished";

  /** Timer: time spent in one stage until the request left it, tag {@code stage}. */
  public static final String STAGE_DURATION = "temporarr_stage_duration";

  /** Timer: from the request's start to Completed (the media is available). */
  public static final String REQUEST_TO_AVAILABLE = "temporarr_request_to_available";

  /** Counter: downloads found stalled (no progress within the stall timeout). */
  public static final String STALLS_DETECTED = "temporarr_stalls_detected";

  /** Counter: a notifier that failed after its retries, tag {@code notifier}. */
  public static final String NOTIFIER_FAILURES = "temporarr_notifier_failures";

  /** Counter: releases a search rejected, tag {@code reason}. */
  public static final String RELEASES_REJECTED = "temporarr_releases_rejected";

  /**
   * Counter: failed activity attempts and retries, tags {@code activity_type}, {@code error_type},
   * {@code retryable}.
   */
  public static final String ACTIVITY_FAILURES = "temporarr_activity_failures";

  /** Counter: activity attempts after the first, tag {@code activity_type}. */
  public static final String ACTIVITY_RETRIES = "temporarr_activity_retries";

  /**
   * Gauge (worker): 1 when the configured service answered the last health probe, 0 when it did
   * not, tag {@code integration} (its configuration key).
   */
  public static final String INTEGRATION_REACHABLE = "temporarr_integration_reachable";

  /**
   * Counter (gateway): webhooks received, tags {@code source} (seerr, qbittorrent, events) and
   * {@code outcome} (started, signalled, duplicate, ignored, queued, rejected, unauthorized,
   * rate_limited, failed).
   */
  public static final String WEBHOOKS = "temporarr_webhooks";

  public static final String TAG_STATE = "state";
  public static final String TAG_STAGE = "stage";
  public static final String TAG_CAUSE = "cause";
  public static final String TAG_NOTIFIER = "notifier";
  public static final String TAG_REASON = "reason";
  public static final String TAG_ACTIVITY_TYPE = "activity_type";
  public static final String TAG_ERROR_TYPE = "error_type";
  public static final String TAG_RETRYABLE = "retryable";
  public static final String TAG_INTEGRATION = "integration";
  public static final String TAG_SOURCE = "source";
  public static final String TAG_OUTCOME = "outcome";

  private MetricNames() {}
}
