package io.temporarr.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.FailureReports;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Invalid retry policies stop start-up with a report that names the key and the fix. */
class ActivityPoliciesValidationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(RetryPolicyConfiguration.class)
          .withPropertyValues(
              "temporarr.activities.defaults.start-to-close=30s",
              "temporarr.activities.defaults.initial-interval=1s",
              "temporarr.activities.defaults.maximum-interval=1m");

  @Test
  void consistentPoliciesStartAndBuildOptions() {
    runner
        .withPropertyValues("temporarr.activities.search.schedule-to-close=10m")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(DeclarativeActivityOptions.class);
            });
  }

  @Test
  void negativeDurationNamesTheKeyAndHowToWriteOne() {
    runner
        .withPropertyValues("temporarr.activities.search.start-to-close=-5s")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.activities.search.startToClose")
                    .contains("must be a positive duration; write it like 30s, 5m or 2h"));
  }

  @Test
  void zeroDurationIsRejectedLikeANegativeOne() {
    runner
        .withPropertyValues("temporarr.activities.defaults.heartbeat-timeout=0s")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.activities.defaults.heartbeatTimeout")
                    .contains("must be a positive duration"));
  }

  @Test
  void aHeartbeatTimeoutNotShorterThanStartToCloseNamesTheKeyAndTheFix() {
    runner
        .withPropertyValues(
            "temporarr.activities.verify-download.start-to-close=1m",
            "temporarr.activities.verify-download.heartbeat-timeout=1m")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.verify-download.heartbeat-timeout (1m) is not shorter"
                            + " than start-to-close (1m)")
                    .contains("lower heartbeat-timeout (e.g. 30s) or raise start-to-close"));
  }

  @Test
  void aDefaultHeartbeatTimeoutIsCheckedAgainstEachActivitysOwnAttempt() {
    runner
        .withPropertyValues(
            "temporarr.activities.defaults.heartbeat-timeout=20s",
            "temporarr.activities.import-media.start-to-close=10s")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.import-media.heartbeat-timeout (20s) is not shorter"
                            + " than start-to-close (10s)")
                    .doesNotContain("temporarr.activities.search.heartbeat-timeout"));
  }

  @Test
  void withoutStartToCloseTheHeartbeatTimeoutIsCheckedAgainstScheduleToClose() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(RetryPolicyConfiguration.class)
        .withPropertyValues(
            "temporarr.activities.defaults.schedule-to-close=1m",
            "temporarr.activities.defaults.heartbeat-timeout=2m")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.defaults.heartbeat-timeout (2m) is not shorter than"
                            + " schedule-to-close (1m)"));
  }

  @Test
  void aHeartbeatTimeoutShorterThanTheAttemptStarts() {
    runner
        .withPropertyValues(
            "temporarr.activities.refresh-library.start-to-close=35m",
            "temporarr.activities.refresh-library.heartbeat-timeout=30s")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void backoffBelowOneIsRejectedWithTheMeaningOfTheValue() {
    runner
        .withPropertyValues("temporarr.activities.add-download.backoff-coefficient=0.5")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.activities.addDownload.backoffCoefficient")
                    .contains("must be 1.0 or more (1.0 retries at a constant interval")
                    .contains("set e.g. backoff-coefficient: 2.0"));
  }

  @Test
  void negativeMaximumAttemptsIsRejected() {
    runner
        .withPropertyValues("temporarr.activities.search.maximum-attempts=-1")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.activities.search.maximumAttempts")
                    .contains("must be 0 (unlimited) or more"));
  }

  @Test
  void maximumIntervalBelowTheInheritedInitialIntervalIsRejected() {
    runner
        .withPropertyValues("temporarr.activities.search.initial-interval=2m")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.search.maximum-interval (1m) is shorter than"
                            + " initial-interval (2m); raise maximum-interval or lower"
                            + " initial-interval"));
  }

  @Test
  void maximumIntervalBelowInitialIntervalInTheDefaultsIsRejected() {
    runner
        .withPropertyValues("temporarr.activities.defaults.maximum-interval=500ms")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.defaults.maximum-interval (500ms) is shorter than"
                            + " initial-interval (1s)"));
  }

  @Test
  void scheduleToCloseShorterThanStartToCloseIsRejected() {
    runner
        .withPropertyValues("temporarr.activities.verify-download.schedule-to-close=10s")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.verify-download.schedule-to-close (10s) is shorter"
                            + " than start-to-close (30s)")
                    .contains("raise schedule-to-close or lower start-to-close"));
  }

  @Test
  void anActivityWithoutAnyTimeoutIsRejected() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(RetryPolicyConfiguration.class)
        .withPropertyValues(
            "temporarr.activities.defaults.maximum-attempts=5",
            "temporarr.activities.search.start-to-close=1m")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.add-download has neither start-to-close nor"
                            + " schedule-to-close")
                    .contains("set temporarr.activities.defaults.start-to-close, e.g. 30s")
                    .doesNotContain("temporarr.activities.search has neither"));
  }

  @Test
  void missingDefaultsAreRejected() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(RetryPolicyConfiguration.class)
        .withPropertyValues("temporarr.activities.search.start-to-close=1m")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.activities.defaults")
                    .contains("set temporarr.activities.defaults.start-to-close"));
  }

  @Test
  void heartbeatOnTheLocalPolicyActivityIsRejected() {
    runner
        .withPropertyValues("temporarr.activities.request-policy.heartbeat-timeout=5s")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.request-policy.heartbeat-timeout is set, but"
                            + " request-policy runs as a local activity, which never heartbeats;"
                            + " remove the setting"));
  }

  @Test
  void unknownActivityTypeIsNamedWithTheValidOnes() {
    runner
        .withPropertyValues("temporarr.activities.serch.start-to-close=5s")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.serch.start-to-close: 'serch' is not an activity type")
                    .contains(
                        "<type> one of defaults, search, add-download, download-status,"
                            + " remove-download, poll-downloads, retire-download, remove-seeded,"
                            + " verify-download, import-media,"
                            + " send-notification, refresh-library, mark-available,"
                            + " request-policy"));
  }

  @Test
  void misspeltSettingIsNamedWithTheValidOnes() {
    runner
        .withPropertyValues("temporarr.activities.search.max-attempts=5")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.activities.search.max-attempts: 'max-attempts' is not a setting")
                    .contains(
                        "<setting> one of start-to-close, schedule-to-close, heartbeat-timeout,"
                            + " initial-interval, maximum-interval, backoff-coefficient,"
                            + " maximum-attempts, non-retryable-error-types"));
  }

  private static String report(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return FailureReports.report(context.getStartupFailure());
  }
}
