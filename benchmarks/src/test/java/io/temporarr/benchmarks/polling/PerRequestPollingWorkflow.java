package io.temporarr.benchmarks.polling;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporarr.workflows.download.DownloadHandle;
import java.time.Duration;

/**
 * The baseline of the polling benchmark: what each request would do without the shared monitor —
 * ask the download client for its own download once per interval ({@code downloadStatus}, i.e.
 * {@code torrents/info?hashes=<hash>}), until {@code untilMillis} (workflow time) has passed.
 */
@WorkflowInterface
public interface PerRequestPollingWorkflow {

  /** The baseline's own task queue on the benchmark's dev server (not the product's). */
  String TASK_QUEUE = "bench-per-request-polling";

  @WorkflowMethod
  void run(DownloadHandle download, Duration interval, long untilMillis);
}
