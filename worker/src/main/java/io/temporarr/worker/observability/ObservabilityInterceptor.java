package io.temporarr.worker.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.MetricNames;
import io.temporarr.workflows.request.MediaRequestInput;
import org.slf4j.MDC;

/**
 * Puts each request's correlation ID into the MDC of its workflow thread, where {@link
 * CorrelationPropagator} picks it up for every activity: the ID from the start's Temporal header
 * (the propagator has put it into the MDC before the workflow runs) wins; without a header, {@link
 * MediaRequestInput#correlationId()}; else the workflow ID. The gateway sends the same ID in both,
 * so they agree; puts {@value #MDC_WORKFLOW_ID}, {@value #MDC_ACTIVITY_TYPE} and the correlation ID
 * into the MDC of each activity; and counts failed activity attempts by activity type and failure
 * type, and retries by activity type.
 *
 * <p>{@code retryable} is the failure's own flag; the worker's retry policy may still list its type
 * as non-retryable (see {@code temporarr.activities.*.non-retryable-error-types}).
 */
final class ObservabilityInterceptor extends WorkerInterceptorBase {

  static final String MDC_WORKFLOW_ID = "workflowId";
  static final String MDC_ACTIVITY_TYPE = "activityType";

  private final MeterRegistry registry;

  ObservabilityInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Object[] arguments = input.getArguments();
        // Set from the start's header; in the history, so a replay reads the same value.
        String correlationId = MDC.get(CorrelationPropagator.MDC_KEY);
        if (correlationId == null
            && arguments.length > 0
            && arguments[0] instanceof MediaRequestInput request) {
          correlationId = request.correlationId();
        }
        if (correlationId == null) {
          correlationId = Workflow.getInfo().getWorkflowId();
        }
        MDC.put(CorrelationPropagator.MDC_KEY, correlationId);
        try {
          return super.execute(input);
        } finally {
          MDC.remove(CorrelationPropagator.MDC_KEY);
        }
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityInfo info = context.getInfo();
        String type = info.getActivityType();
        if (MDC.get(CorrelationPropagator.MDC_KEY) == null) {
          MDC.put(CorrelationPropagator.MDC_KEY, info.getWorkflowId());
        }
        MDC.put(MDC_WORKFLOW_ID, info.getWorkflowId());
        MDC.put(MDC_ACTIVITY_TYPE, type);
        if (info.getAttempt() > 1) {
          registry
              .counter(MetricNames.ACTIVITY_RETRIES, MetricNames.TAG_ACTIVITY_TYPE, type)
              .increment();
        }
        try {
          return super.execute(input);
        } catch (ApplicationFailure e) {
          failed(type, e.getType(), !e.isNonRetryable());
          throw e;
        } catch (RuntimeException | Error e) {
          failed(type, e.getClass().getSimpleName(), true);
          throw e;
        } finally {
          MDC.remove(CorrelationPropagator.MDC_KEY);
          MDC.remove(MDC_WORKFLOW_ID);
          MDC.remove(MDC_ACTIVITY_TYPE);
        }
      }
    };
  }

  private void failed(String activityType, String errorType, boolean retryable) {
    registry
        .counter(
            MetricNames.ACTIVITY_FAILURES,
            MetricNames.TAG_ACTIVITY_TYPE,
            activityType,
            MetricNames.TAG_ERROR_TYPE,
            errorType == null ? "unknown" : errorType,
            MetricNames.TAG_RETRYABLE,
            Boolean.toString(retryable))
        .increment();
  }
}
