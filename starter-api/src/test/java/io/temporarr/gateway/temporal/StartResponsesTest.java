package io.temporarr.gateway.temporal;

import static io.temporarr.gateway.temporal.InboxTestSupport.properties;
import static io.temporarr.gateway.temporal.InboxTestSupport.provider;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionConfig;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.workflows.request.MediaRequestInput;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fresh start is answered from the server's {@code started} flag without a describe; an existing
 * run (or a server that does not send the flag) still asks the run's memo. Against an in-process
 * fake of Temporal's frontend that counts the calls.
 */
@Timeout(30)
class StartResponsesTest {

  private final FakeFrontend frontend = new FakeFrontend();
  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stop() throws InterruptedException {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aStartTheServerReportsAsCreatedIsNewWithoutADescribe() throws Exception {
    frontend.started = true;

    StartOutcome outcome = workflows(true).startRun(approval("corr-1"), true);

    assertThat(outcome.runId()).isEqualTo("run-1");
    assertThat(outcome.alreadyExisted()).isFalse();
    assertThat(frontend.starts).hasValue(1);
    assertThat(frontend.describes).hasValue(0);
  }

  @Test
  void aStartThatFoundAnOpenRunAsksItsMemoWhoCreatedIt() throws Exception {
    frontend.started = false;

    StartOutcome outcome = workflows(true).startRun(approval("corr-2"), true);

    assertThat(outcome.alreadyExisted()).isTrue();
    assertThat(frontend.describes).hasValue(1);
  }

  @Test
  void withoutTheInterceptorTheMemoDecidesAsBefore() throws Exception {
    frontend.started = true;

    StartOutcome outcome = workflows(false).startRun(approval("corr-earlier"), true);

    // The memo names this delivery's correlation ID: the run is its own.
    assertThat(outcome.alreadyExisted()).isFalse();
    assertThat(frontend.describes).hasValue(1);
  }

  @Test
  void theInboxPathNeitherAsksNorReadsTheFlag() throws Exception {
    frontend.started = false;

    StartOutcome outcome = workflows(true).startRun(approval("corr-3"), false);

    assertThat(outcome.alreadyExisted()).isNull();
    assertThat(frontend.describes).hasValue(0);
  }

  @Test
  void callsOutsideAStartCarryNoHolderAndAreLeftAlone() {
    StartResponses.Started<String> started = StartResponses.call(() -> "no call made");

    assertThat(started.result()).isEqualTo("no call made");
    assertThat(started.created()).isFalse();
  }

  private RequestWorkflows workflows(boolean withInterceptor) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(frontend).build();
    server.start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setChannel(channel);
    if (withInterceptor) {
      options.addGrpcClientInterceptor(new StartResponses());
    }
    stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    return new RequestWorkflows(WorkflowClient.newInstance(stubs), properties(), provider(null));
  }

  private static MediaRequestInput approval(String correlationId) {
    return MediaRequestInput.movie("seerr", "42", "Big Buck Bunny", 2008, 10378)
        .withRequester("alice", correlationId, "seerr:42:MEDIA_APPROVED");
  }

  /** Temporal's frontend, as far as a start and a describe need it. */
  private static final class FakeFrontend extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    volatile boolean started;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger describes = new AtomicInteger();

    @Override
    public void getSystemInfo(
        GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> answer) {
      answer.onNext(GetSystemInfoResponse.getDefaultInstance());
      answer.onCompleted();
    }

    @Override
    public void startWorkflowExecution(
        StartWorkflowExecutionRequest request,
        StreamObserver<StartWorkflowExecutionResponse> answer) {
      starts.incrementAndGet();
      answer.onNext(
          StartWorkflowExecutionResponse.newBuilder()
              .setRunId("run-1")
              .setStarted(started)
              .build());
      answer.onCompleted();
    }

    @Override
    public void describeWorkflowExecution(
        DescribeWorkflowExecutionRequest request,
        StreamObserver<DescribeWorkflowExecutionResponse> answer) {
      describes.incrementAndGet();
      Payload creator =
          DefaultDataConverter.STANDARD_INSTANCE.toPayload("corr-earlier").orElseThrow();
      answer.onNext(
          DescribeWorkflowExecutionResponse.newBuilder()
              .setExecutionConfig(WorkflowExecutionConfig.getDefaultInstance())
              .setWorkflowExecutionInfo(
                  WorkflowExecutionInfo.newBuilder()
                      .setExecution(request.getExecution())
                      .setMemo(
                          Memo.newBuilder()
                              .putFields(RequestWorkflows.MEMO_CORRELATION_ID, creator)))
              .build());
      answer.onCompleted();
    }
  }
}
