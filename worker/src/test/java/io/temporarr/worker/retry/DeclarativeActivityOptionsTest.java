package io.temporarr.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.search.SearchActivities;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The options Temporal applies are exactly what application.yml declares. */
@ExtendWith(OutputCaptureExtension.class)
class DeclarativeActivityOptionsTest {

  private static final String[] DEFAULT_NON_RETRYABLE = {
    ErrorTypes.BAD_REQUEST,
    ErrorTypes.UNAUTHORIZED,
    ErrorTypes.FORBIDDEN,
    ErrorTypes.NOT_FOUND,
    ErrorTypes.UNPROCESSABLE,
    ErrorTypes.UNEXPECTED_STATUS,
    ErrorTypes.MALFORMED_RESPONSE,
    ErrorTypes.CONFIGURATION
  };

  /** application.yml as the application reads it. */
  private final ApplicationContextRunner applicationYml =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(RetryPolicyConfiguration.class);

  @Test
  void everyActivityTypeOfThePortsHasOptionsAndOnlyThePolicyReadIsLocal() {
    applicationYml.run(
        context -> {
          DeclarativeActivityOptions options = context.getBean(DeclarativeActivityOptions.class);
          Set<String> all = new HashSet<>(options.activityOptions().keySet());
          all.addAll(options.localActivityOptions().keySet());
          assertThat(all).isEqualTo(ActivityTypes.ALL).isEqualTo(portActivityTypes());
          assertThat(options.localActivityOptions()).containsOnlyKeys(ActivityTypes.REQUEST_POLICY);
        });
  }

  @Test
  void defaultsComeFromTheYaml() {
    applicationYml.run(
        context -> {
          ActivityOptions defaults =
              context.getBean(DeclarativeActivityOptions.class).defaultActivityOptions();
          assertThat(defaults.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(1));
          assertThat(defaults.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(5));
          assertThat(defaults.getHeartbeatTimeout()).isNull();
          assertThat(defaults.getRetryOptions().getInitialInterval())
              .isEqualTo(Duration.ofSeconds(1));
          assertThat(defaults.getRetryOptions().getMaximumInterval())
              .isEqualTo(Duration.ofMinutes(1));
          assertThat(defaults.getRetryOptions().getBackoffCoefficient()).isEqualTo(2.0);
          assertThat(defaults.getRetryOptions().getMaximumAttempts()).isZero();
          assertThat(defaults.getRetryOptions().getDoNotRetry())
              .containsExactly(DEFAULT_NON_RETRYABLE);
        });
  }

  @Test
  void searchRetriesLongerAndAddsIndexerErrorToTheDefaultNonRetryableTypes() {
    applicationYml.run(
        context -> {
          ActivityOptions search =
              context
                  .getBean(DeclarativeActivityOptions.class)
                  .activityOptions()
                  .get(ActivityTypes.SEARCH);
          assertThat(search.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(1));
          assertThat(search.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(10));
          assertThat(search.getRetryOptions().getInitialInterval())
              .isEqualTo(Duration.ofSeconds(1));
          assertThat(search.getRetryOptions().getMaximumInterval())
              .isEqualTo(Duration.ofMinutes(2));
          assertThat(search.getRetryOptions().getBackoffCoefficient()).isEqualTo(2.0);
          assertThat(search.getRetryOptions().getDoNotRetry())
              .containsExactly(
                  Stream.concat(
                          Stream.of(DEFAULT_NON_RETRYABLE), Stream.of(ErrorTypes.INDEXER_ERROR))
                      .toArray(String[]::new));
        });
  }

  @Test
  void longRunningAndReleaseFaultActivitiesKeepTheirOwnValues() {
    applicationYml.run(
        context -> {
          var options = context.getBean(DeclarativeActivityOptions.class).activityOptions();
          ActivityOptions verify = options.get(ActivityTypes.VERIFY_DOWNLOAD);
          assertThat(verify.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(30));
          assertThat(verify.getScheduleToCloseTimeout()).isEqualTo(Duration.ofHours(1));
          assertThat(verify.getRetryOptions().getDoNotRetry())
              .contains(ErrorTypes.CORRUPT_MEDIA, ErrorTypes.NO_VIDEO_FILE, ErrorTypes.BAD_REQUEST);
          assertThat(options.get(ActivityTypes.ADD_DOWNLOAD).getRetryOptions().getDoNotRetry())
              .contains(ErrorTypes.DOWNLOAD_REJECTED, ErrorTypes.INVALID_RELEASE);
          assertThat(options.get(ActivityTypes.IMPORT_MEDIA).getRetryOptions().getDoNotRetry())
              .contains(ErrorTypes.IMPORT_CONFLICT);
          assertThat(options.get(ActivityTypes.REFRESH_LIBRARY).getStartToCloseTimeout())
              .isEqualTo(Duration.ofMinutes(35));
          ActivityOptions poll = options.get(ActivityTypes.POLL_DOWNLOADS);
          assertThat(poll.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(1));
          assertThat(poll.getRetryOptions().getMaximumInterval()).isEqualTo(Duration.ofSeconds(10));
          assertThat(options.get(ActivityTypes.DOWNLOAD_STATUS))
              .usingRecursiveComparison()
              .isEqualTo(
                  context.getBean(DeclarativeActivityOptions.class).defaultActivityOptions());
        });
  }

  @Test
  void theActivitiesThatHeartbeatHaveAShortHeartbeatTimeoutAndKeepTheirLongAttempts() {
    applicationYml.run(
        context -> {
          var options = context.getBean(DeclarativeActivityOptions.class).activityOptions();
          for (String type :
              List.of(
                  ActivityTypes.VERIFY_DOWNLOAD,
                  ActivityTypes.IMPORT_MEDIA,
                  ActivityTypes.REFRESH_LIBRARY)) {
            assertThat(options.get(type).getHeartbeatTimeout())
                .as(type)
                .isEqualTo(Duration.ofSeconds(30));
            assertThat(options.get(type).getStartToCloseTimeout())
                .as(type)
                .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
          }
          // Activities that never heartbeat must not get one: they would fail after it expires.
          options.entrySet().stream()
              .filter(
                  entry ->
                      !Set.of(
                              ActivityTypes.VERIFY_DOWNLOAD,
                              ActivityTypes.IMPORT_MEDIA,
                              ActivityTypes.REFRESH_LIBRARY)
                          .contains(entry.getKey()))
              .forEach(
                  entry ->
                      assertThat(entry.getValue().getHeartbeatTimeout())
                          .as(entry.getKey())
                          .isNull());
        });
  }

  @Test
  void aConfiguredHeartbeatTimeoutReachesTheWorkflowsActivityOptions() {
    applicationYml
        .withPropertyValues("temporarr.activities.import-media.heartbeat-timeout=45s")
        .run(
            context -> {
              WorkflowImplementationOptions applied =
                  customized(
                      new ActivityOptionsCustomizer(
                          context.getBean(DeclarativeActivityOptions.class)),
                      TaskQueues.MEDIA_REQUESTS);
              assertThat(
                      applied
                          .getActivityOptions()
                          .get(ActivityTypes.IMPORT_MEDIA)
                          .getHeartbeatTimeout())
                  .isEqualTo(Duration.ofSeconds(45));
            });
  }

  @Test
  void thePolicyReadIsALocalActivityWithFewAttempts() {
    applicationYml.run(
        context -> {
          LocalActivityOptions policy =
              context
                  .getBean(DeclarativeActivityOptions.class)
                  .localActivityOptions()
                  .get(ActivityTypes.REQUEST_POLICY);
          assertThat(policy.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(policy.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(5));
          assertThat(policy.getRetryOptions().getMaximumAttempts()).isEqualTo(3);
        });
  }

  @Test
  void customizerAppliesTheOptionsToWorkflowsOfTheMediaRequestsQueueOnly() {
    applicationYml.run(
        context -> {
          DeclarativeActivityOptions options = context.getBean(DeclarativeActivityOptions.class);
          ActivityOptionsCustomizer customizer = new ActivityOptionsCustomizer(options);

          WorkflowImplementationOptions ours = customized(customizer, TaskQueues.MEDIA_REQUESTS);
          assertThat(ours.getActivityOptions()).isEqualTo(options.activityOptions());
          assertThat(ours.getLocalActivityOptions()).isEqualTo(options.localActivityOptions());
          assertThat(ours.getDefaultActivityOptions()).isEqualTo(options.defaultActivityOptions());

          WorkflowImplementationOptions other = customized(customizer, "other");
          assertThat(other.getActivityOptions()).isEmpty();
          assertThat(other.getDefaultActivityOptions()).isNull();
        });
  }

  @Test
  void unknownNonRetryableTypeStartsButIsLogged(CapturedOutput output) {
    applicationYml
        .withPropertyValues("temporarr.activities.search.non-retryable-error-types=IndexrError")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean(DeclarativeActivityOptions.class)
                          .activityOptions()
                          .get(ActivityTypes.SEARCH)
                          .getRetryOptions()
                          .getDoNotRetry())
                  .contains("IndexrError");
              assertThat(output)
                  .contains(
                      "temporarr.activities.search.non-retryable-error-types names [IndexrError],"
                          + " which ErrorTypes does not define");
            });
  }

  @Test
  void everyErrorTypeConstantIsKnown() {
    assertThat(DeclarativeActivityOptions.knownErrorTypes())
        .contains(ErrorTypes.BAD_REQUEST, ErrorTypes.IMPORT_CONFLICT, ErrorTypes.CONFIGURATION)
        .hasSize(19);
  }

  /** What the starter hands a workflow implementation registered on {@code taskQueue}. */
  private static WorkflowImplementationOptions customized(
      ActivityOptionsCustomizer customizer, String taskQueue) {
    return customizer
        .customize(
            WorkflowImplementationOptions.newBuilder(), worker(taskQueue), Object.class, null)
        .build();
  }

  private static Worker worker(String taskQueue) {
    Worker worker = mock(Worker.class);
    when(worker.getTaskQueue()).thenReturn(taskQueue);
    return worker;
  }

  /** The activity types the SDK derives from the port interfaces. */
  private static Set<String> portActivityTypes() {
    Set<String> types = new HashSet<>();
    for (Class<?> port :
        new Class<?>[] {
          SearchActivities.class,
          DownloadActivities.class,
          ProcessingActivities.class,
          NotificationActivities.class,
          LibraryActivities.class,
          PolicyActivities.class
        }) {
      POJOActivityInterfaceMetadata.newInstance(port).getMethodsMetadata().stream()
          .map(POJOActivityMethodMetadata::getActivityTypeName)
          .forEach(types::add);
    }
    return types;
  }
}
