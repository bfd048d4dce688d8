package io.temporarr.worker.retry;

import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.workflows.common.TaskQueues;

/**
 * The starter's hook: applied to every workflow implementation it registers, so the request and
 * download-monitor workflows of {@link TaskQueues#MEDIA_REQUESTS} get the declarative options.
 */
final class ActivityOptionsCustomizer implements WorkflowImplementationOptionsCustomizer {

  private final DeclarativeActivityOptions options;

  ActivityOptionsCustomizer(DeclarativeActivityOptions options) {
    this.options = options;
  }

  @Override
  public WorkflowImplementationOptions.Builder customize(
      WorkflowImplementationOptions.Builder builder,
      Worker worker,
      Class<?> workflowImplementationClass,
      POJOWorkflowMethodMetadata workflowMethod) {
    if (!TaskQueues.MEDIA_REQUESTS.equals(worker.getTaskQueue())) {
      return builder;
    }
    return options.applyTo(builder);
  }
}
