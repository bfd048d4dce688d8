package io.temporarr.worker.retry;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * Validates each activity type's effective settings. Every message names the full key and the fix,
 * because it is what an operator reads when start-up stops.
 */
class ActivityPoliciesValidator
    implements ConstraintValidator<ConsistentActivityPolicies, ActivityPolicies> {

  private static final String PREFIX = "temporarr.activities.";

  @Override
  public boolean isValid(ActivityPolicies policies, ConstraintValidatorContext context) {
    if (policies == null || policies.defaults() == null) {
      return true; // @NotNull on defaults reports this case
    }
    Map<String, ActivitySettings> effective = new LinkedHashMap<>();
    effective.put("defaults", policies.defaults());
    effective.putAll(policies.effective());
    Map<String, ActivitySettings> own = policies.overrides();

    boolean valid = true;
    context.disableDefaultConstraintViolation();
    for (Map.Entry<String, ActivitySettings> entry : effective.entrySet()) {
      String key = entry.getKey();
      ActivitySettings settings = entry.getValue();
      if (settings.startToClose() == null && settings.scheduleToClose() == null) {
        valid = false;
        report(
            context,
            key,
            "startToClose",
            PREFIX
                + key
                + " has neither start-to-close nor schedule-to-close (and the defaults set none);"
                + " set "
                + PREFIX
                + "defaults.start-to-close, e.g. 30s");
      }
      Duration initial = settings.initialInterval();
      Duration maximum = settings.maximumInterval();
      if (initial != null && maximum != null && maximum.compareTo(initial) < 0) {
        valid = false;
        report(
            context,
            key,
            "maximumInterval",
            PREFIX
                + key
                + ".maximum-interval ("
                + print(maximum)
                + ") is shorter than initial-interval ("
                + print(initial)
                + "); raise maximum-interval or lower initial-interval");
      }
      Duration startToClose = settings.startToClose();
      Duration scheduleToClose = settings.scheduleToClose();
      if (startToClose != null
          && scheduleToClose != null
          && scheduleToClose.compareTo(startToClose) < 0) {
        valid = false;
        report(
            context,
            key,
            "scheduleToClose",
            PREFIX
                + key
                + ".schedule-to-close ("
                + print(scheduleToClose)
                + ") is shorter than start-to-close ("
                + print(startToClose)
                + "), so no attempt could use its full time; raise schedule-to-close or lower"
                + " start-to-close");
      }
      String heartbeatProblem = heartbeatProblem(key, settings, own.get(key));
      if (heartbeatProblem != null) {
        valid = false;
        report(context, key, "heartbeatTimeout", heartbeatProblem);
      }
    }
    return valid;
  }

  /**
   * A local activity never heartbeats, so a heartbeat timeout of its own is a mistake; any other
   * activity's must be shorter than one attempt, or it could never notice a dead worker sooner.
   *
   * @param own the activity's own settings (null for the defaults)
   * @return the report, or null when the heartbeat timeout is fine
   */
  private static String heartbeatProblem(
      String key, ActivitySettings effective, ActivitySettings own) {
    if (ActivityPolicies.LOCAL.contains(key)) {
      return own != null && own.heartbeatTimeout() != null
          ? PREFIX
              + key
              + ".heartbeat-timeout is set, but "
              + key
              + " runs as a local activity, which never heartbeats; remove the setting"
          : null;
    }
    Duration heartbeat = effective.heartbeatTimeout();
    boolean perAttempt = effective.startToClose() != null;
    Duration attempt = perAttempt ? effective.startToClose() : effective.scheduleToClose();
    if (heartbeat == null || attempt == null || heartbeat.compareTo(attempt) < 0) {
      return null;
    }
    String bound = perAttempt ? "start-to-close" : "schedule-to-close";
    return PREFIX
        + key
        + ".heartbeat-timeout ("
        + print(heartbeat)
        + ") is not shorter than "
        + bound
        + " ("
        + print(attempt)
        + "), so it would never notice a dead worker sooner; lower heartbeat-timeout (e.g. 30s) or"
        + " raise "
        + bound;
  }

  private static void report(
      ConstraintValidatorContext context, String key, String setting, String message) {
    String node = "defaults".equals(key) ? "defaults" : ActivityPoliciesValidator.camel(key);
    context
        .buildConstraintViolationWithTemplate(escape(message))
        .addPropertyNode(node)
        .addPropertyNode(setting)
        .addConstraintViolation();
  }

  private static String camel(String key) {
    String type = ActivityPolicies.activityType(key);
    return Character.toLowerCase(type.charAt(0)) + type.substring(1);
  }

  /** In the largest unit that shows it exactly, as an operator would write it (90s, 2m, 1h). */
  static String print(Duration duration) {
    for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES)) {
      if (!duration.isZero() && duration.toNanos() % unit.getDuration().toNanos() == 0) {
        return DurationStyle.SIMPLE.print(duration, unit);
      }
    }
    return duration.toNanos() % 1_000_000_000L == 0
        ? DurationStyle.SIMPLE.print(duration, ChronoUnit.SECONDS)
        : DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
  }

  /** Message templates treat braces and dollar signs as expressions; ours are plain text. */
  private static String escape(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }
}
