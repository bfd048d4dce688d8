package io.temporarr.worker.retry;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the validated {@link ActivityPolicies} into the options Temporal applies: one {@link
 * ActivityOptions} per activity type (each type's settings over the defaults), the defaults for any
 * other type, and {@link LocalActivityOptions} for the policy read. Workflows create their stubs
 * without options, so these are the only timeouts and retry policies in effect.
 */
public final class DeclarativeActivityOptions {

  private static final Logger log = LoggerFactory.getLogger(DeclarativeActivityOptions.class);

  private final ActivityOptions defaultActivityOptions;
  private final Map<String, ActivityOptions> activityOptions;
  private final LocalActivityOptions defaultLocalActivityOptions;
  private final Map<String, LocalActivityOptions> localActivityOptions;

  public DeclarativeActivityOptions(ActivityPolicies policies) {
    ActivitySettings defaults = policies.defaults();
    this.defaultActivityOptions = activityOptions(defaults);
    this.defaultLocalActivityOptions = localActivityOptions(defaults);
    Map<String, ActivityOptions> remote = new LinkedHashMap<>();
    Map<String, LocalActivityOptions> local = new LinkedHashMap<>();
    policies
        .effective()
        .forEach(
            (key, settings) -> {
              String type = ActivityPolicies.activityType(key);
              if (ActivityPolicies.LOCAL.contains(key)) {
                local.put(type, localActivityOptions(settings));
              } else {
                remote.put(type, activityOptions(settings));
              }
            });
    this.activityOptions = Collections.unmodifiableMap(remote);
    this.localActivityOptions = Collections.unmodifiableMap(local);
    warnAboutUnknownErrorTypes(policies);
  }

  /** Applies every option to a workflow implementation's options. */
  public WorkflowImplementationOptions.Builder applyTo(WorkflowImplementationOptions.Builder b) {
    return b.setDefaultActivityOptions(defaultActivityOptions)
        .setActivityOptions(activityOptions)
        .setDefaultLocalActivityOptions(defaultLocalActivityOptions)
        .setLocalActivityOptions(localActivityOptions);
  }

  public ActivityOptions defaultActivityOptions() {
    return defaultActivityOptions;
  }

  /** By SDK activity type name ({@code Search}, {@code AddDownload}, …). */
  public Map<String, ActivityOptions> activityOptions() {
    return activityOptions;
  }

  /** By SDK activity type name ({@code RequestPolicy}). */
  public Map<String, LocalActivityOptions> localActivityOptions() {
    return localActivityOptions;
  }

  /** Every failure type of {@link ErrorTypes#ALL}, sorted for the warning. */
  public static Set<String> knownErrorTypes() {
    return new TreeSet<>(ErrorTypes.ALL);
  }

  private static ActivityOptions activityOptions(ActivitySettings s) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(s.startToClose())
        .setScheduleToCloseTimeout(s.scheduleToClose())
        .setHeartbeatTimeout(s.heartbeatTimeout())
        .setRetryOptions(retryOptions(s))
        .build();
  }

  private static LocalActivityOptions localActivityOptions(ActivitySettings s) {
    // Unlike ActivityOptions, the local builder rejects null timeouts.
    LocalActivityOptions.Builder local =
        LocalActivityOptions.newBuilder().setRetryOptions(retryOptions(s));
    if (s.startToClose() != null) {
      local.setStartToCloseTimeout(s.startToClose());
    }
    if (s.scheduleToClose() != null) {
      local.setScheduleToCloseTimeout(s.scheduleToClose());
    }
    return local.build();
  }

  private static RetryOptions retryOptions(ActivitySettings s) {
    RetryOptions.Builder retry = RetryOptions.newBuilder();
    if (s.initialInterval() != null) {
      retry.setInitialInterval(s.initialInterval());
    }
    if (s.maximumInterval() != null) {
      retry.setMaximumInterval(s.maximumInterval());
    }
    if (s.backoffCoefficient() != null) {
      retry.setBackoffCoefficient(s.backoffCoefficient());
    }
    if (s.maximumAttempts() != null) {
      retry.setMaximumAttempts(s.maximumAttempts());
    }
    if (!s.nonRetryableErrorTypes().isEmpty()) {
      retry.setDoNotRetry(s.nonRetryableErrorTypes().toArray(String[]::new));
    }
    return retry.build();
  }

  /**
   * A name outside {@link ErrorTypes} is allowed (an SDK or Java exception type name also works)
   * but is usually a typo, which would silently make a failure retryable.
   */
  private static void warnAboutUnknownErrorTypes(ActivityPolicies policies) {
    Set<String> known = knownErrorTypes();
    Map<String, ActivitySettings> own = new LinkedHashMap<>();
    own.put("defaults", policies.defaults());
    own.putAll(policies.overrides());
    own.forEach(
        (key, settings) -> {
          Set<String> unknown = new LinkedHashSet<>(settings.nonRetryableErrorTypes());
          unknown.removeAll(known);
          if (!unknown.isEmpty()) {
            log.warn(
                "temporarr.activities.{}.non-retryable-error-types names {}, which ErrorTypes does"
                    + " not define (known: {}); check the spelling",
                key,
                unknown,
                Arrays.toString(known.toArray()));
          }
        });
  }
}
