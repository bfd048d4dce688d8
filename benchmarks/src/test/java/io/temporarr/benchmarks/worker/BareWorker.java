package io.temporarr.benchmarks.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline's worker, run as its own JVM ({@code java -cp <test classpath>}) so the comparison
 * with the worker jar is process to process. SDK default worker options, as the worker jar's (it
 * sets none). Arguments: Temporal target, download duration in milliseconds. Prints {@link #READY}
 * once it polls; runs until killed.
 */
public final class BareWorker {

  /** Task queue of the baseline: apart from the request workflows' one, on the same server. */
  public static final String TASK_QUEUE = "bench-bare-requests";

  static final String READY = "bare worker polling";

  private BareWorker() {}

  public static void main(String[] args) throws InterruptedException {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker worker = factory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        BareRequestWorkflowImpl.class, BareMonitorWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new BareActivitiesImpl(Duration.ofMillis(Long.parseLong(args[1])), Clock.systemUTC()));
    factory.start();
    System.out.println(READY);
    new CountDownLatch(1).await();
  }
}
