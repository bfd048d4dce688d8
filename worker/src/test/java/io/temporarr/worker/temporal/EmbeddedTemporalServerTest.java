package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.worker.LocalAddresses;
import io.temporarr.workflows.common.SearchAttributes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EmbeddedTemporalServerTest {

  private static final String QUEUE = "embedded-server-test";

  private EmbeddedTemporalServer server;
  private TestTemporal temporal;
  private WorkerFactory workers;

  @BeforeEach
  void start() {
    server = EmbeddedTemporalServer.start(0, TestTemporal.NAMESPACE);
    temporal = new TestTemporal(server.target());
    workers = WorkerFactory.newInstance(temporal.client);
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        UpsertingWorkflowImpl.class, SleepingWorkflowImpl.class);
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    temporal.close();
    server.close();
  }

  @Test
  void aWorkflowCanUpsertEveryContractSearchAttribute() {
    UpsertingWorkflow workflow =
        temporal.client.newWorkflowStub(
            UpsertingWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("upsert").build());

    workflow.run();

    io.temporal.common.SearchAttributes attributes =
        WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    assertThat(attributes.get(SearchAttributes.MEDIA_TYPE)).isEqualTo("movie");
    assertThat(attributes.get(SearchAttributes.MEDIA_TITLE)).isEqualTo("Big Buck Bunny");
    assertThat(attributes.get(SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
    assertThat(attributes.get(SearchAttributes.REQUEST_STAGE)).isEqualTo("Notify");
    assertThat(attributes.get(SearchAttributes.REQUEST_SOURCE)).isEqualTo("seerr");
    assertThat(attributes.get(SearchAttributes.REQUESTED_BY)).isEqualTo("alice");
    assertThat(attributes.get(SearchAttributes.TMDB_ID)).isEqualTo(10378L);
  }

  @Test
  void anUnregisteredSearchAttributeIsRefusedSoTheCheckAboveIsReal() {
    WorkflowStub workflow =
        temporal.client.newUntypedWorkflowStub(
            "UpsertingWorkflow",
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("unregistered")
                .setTypedSearchAttributes(
                    io.temporal.common.SearchAttributes.newBuilder()
                        .set(SearchAttributeKey.forKeyword("NotRegistered"), "x")
                        .build())
                .build());

    assertThatThrownBy(workflow::start)
        .hasRootCauseInstanceOf(StatusRuntimeException.class)
        .rootCause()
        .satisfies(
            e ->
                assertThat(((StatusRuntimeException) e).getStatus().getCode())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void timersTakeRealTime() {
    SleepingWorkflow workflow =
        temporal.client.newWorkflowStub(
            SleepingWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("sleep").build());
    long start = System.nanoTime();

    WorkflowClient.start(workflow::sleep, Duration.ofSeconds(2));
    WorkflowStub.fromTyped(workflow).getResult(Void.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void itListensOnLoopbackOnly() {
    assertThat(server.listenAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), server.port())).isTrue();
    for (InetAddress address : LocalAddresses.nonLoopback()) {
      assertThat(LocalAddresses.accepts(address, server.port()))
          .as("reachable on %s", address)
          .isFalse();
    }
  }

  @Test
  void anotherAddressIsTheOneItListensOnAndTheOneClientsUse() throws Exception {
    InetAddress every = InetAddress.getByName("0.0.0.0");
    try (EmbeddedTemporalServer wide = EmbeddedTemporalServer.start(every, 0, "default")) {
      assertThat(wide.listenAddress().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(wide.target()).isEqualTo("127.0.0.1:" + wide.port());
      for (InetAddress address : LocalAddresses.nonLoopback()) {
        if (address instanceof Inet4Address) {
          assertThat(LocalAddresses.accepts(address, wide.port())).as("%s", address).isTrue();
        }
      }
    }
  }

  @Test
  void aTakenPortStopsStartUpWithTheKeyAndTheWayOut() {
    assertThatThrownBy(() -> EmbeddedTemporalServer.start(server.port(), TestTemporal.NAMESPACE))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "temporarr.temporal.embedded.port: port " + server.port() + " is already in use")
        .satisfies(
            e ->
                assertThat(((InvalidConfigurationException) e).action())
                    .contains("TEMPORARR_TEMPORAL_MODE=external"));
  }

  @WorkflowInterface
  public interface UpsertingWorkflow {
    @WorkflowMethod
    void run();
  }

  public static class UpsertingWorkflowImpl implements UpsertingWorkflow {
    @Override
    public void run() {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributes.MEDIA_TYPE.valueSet("movie"),
          SearchAttributes.MEDIA_TITLE.valueSet("Big Buck Bunny"),
          SearchAttributes.REQUEST_STATE.valueSet("Completed"),
          SearchAttributes.REQUEST_STAGE.valueSet("Notify"),
          SearchAttributes.REQUEST_SOURCE.valueSet("seerr"),
          SearchAttributes.REQUESTED_BY.valueSet("alice"),
          SearchAttributes.TMDB_ID.valueSet(10378L));
    }
  }

  @WorkflowInterface
  public interface SleepingWorkflow {
    @WorkflowMethod
    void sleep(Duration duration);
  }

  public static class SleepingWorkflowImpl implements SleepingWorkflow {
    @Override
    public void sleep(Duration duration) {
      Workflow.sleep(duration);
    }
  }
}
