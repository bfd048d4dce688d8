package io.temporarr.benchmarks.polling;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadHandle;
import java.time.Duration;

/** One status call and one timer per interval, as a per-workflow poller does. */
public class PerRequestPollingWorkflowImpl implements PerRequestPollingWorkflow {

  private final DownloadActivities downloads =
      Workflow.newActivityStub(
          DownloadActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  @Override
  public void run(DownloadHandle download, Duration interval, long untilMillis) {
    while (Workflow.currentTimeMillis() < untilMillis) {
      if (downloads.downloadStatus(download).finished()) {
        return;
      }
      Workflow.sleep(interval);
    }
  }
}
