package io.temporarr.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With application.yml's options, a verification whose worker went silent (killed, or hung without
 * heartbeats) is retried after the 30 s heartbeat timeout, not after its 30-minute start-to-close.
 * Time-skipping: the server's clock, not the test's, runs through the timeouts.
 */
@Timeout(60)
class HeartbeatTimeoutRetryTest {

  @WorkflowInterface
  public interface VerifyOnce {
    @WorkflowMethod
    VerifiedMedia verify(String contentPath);
  }

  /** Creates its stub without options, like the request workflow: application.yml decides. */
  public static class VerifyOnceImpl implements VerifyOnce {
    @Override
    public VerifiedMedia verify(String contentPath) {
      return Workflow.newActivityStub(ProcessingActivities.class)
          .verifyDownload(new VerifyRequest("wf", contentPath, null));
    }
  }

  /**
   * The first attempt beats once, as the activities do when they start, and then falls silent and
   * never returns, as on a worker killed mid-probe.
   */
  static class SilentFirstAttempt implements ProcessingActivities {
    final CountDownLatch release = new CountDownLatch(1);
    final Map<Integer, Duration> retriedAfter = new ConcurrentHashMap<>();

    @Override
    public VerifiedMedia verifyDownload(VerifyRequest request) {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      int attempt = info.getAttempt();
      // Server time, skipped by the test server: from the first schedule to this attempt's start.
      retriedAfter.put(
          attempt, Duration.ofMillis(info.getStartedTimestamp() - info.getScheduledTimestamp()));
      if (attempt == 1) {
        Activity.getExecutionContext().heartbeat(null);
        try {
          release.await(50, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new VerifiedMedia(
          List.of(new MediaFile(request.contentPath(), attempt, 5, "h264", 320, 240)));
    }

    @Override
    public ImportResult importMedia(ImportRequest request) {
      throw new UnsupportedOperationException("not used");
    }
  }

  @Test
  void aSilentAttemptIsRetriedAfterTheHeartbeatTimeoutNotTheStartToClose() {
    new ApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(RetryPolicyConfiguration.class)
        .run(
            context -> {
              DeclarativeActivityOptions options =
                  context.getBean(DeclarativeActivityOptions.class);
              SilentFirstAttempt activities = new SilentFirstAttempt();
              TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
              try {
                Worker worker = env.newWorker(TaskQueues.MEDIA_REQUESTS);
                worker.registerWorkflowImplementationTypes(
                    options.applyTo(WorkflowImplementationOptions.newBuilder()).build(),
                    VerifyOnceImpl.class);
                worker.registerActivitiesImplementations(activities);
                env.start();

                VerifiedMedia verified =
                    env.getWorkflowClient()
                        .newWorkflowStub(
                            VerifyOnce.class,
                            WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                                .build())
                        .verify("/downloads/Movie.mkv");

                assertThat(verified.files().get(0).sizeBytes()).as("attempt").isEqualTo(2);
                assertThat(activities.retriedAfter.get(2))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(30))
                    .isLessThan(Duration.ofMinutes(1));
              } finally {
                activities.release.countDown();
                env.close();
              }
            });
  }
}
