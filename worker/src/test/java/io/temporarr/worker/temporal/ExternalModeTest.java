package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import io.temporarr.worker.TemporarrWorkerApplication;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.WorkflowIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code external} mode against a server that is not up yet: the worker starts anyway, reports the
 * step it waits for, and completes start-up (search attributes, workers, monitor) once the server
 * answers.
 */
@Timeout(120)
class ExternalModeTest {

  @TempDir Path folder;

  @Test
  void startsBeforeTemporalAndFinishesStartUpWhenItArrives() throws Exception {
    int temporalPort = TestTemporal.freePort();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(TestTemporal.externalWorkerArgs(temporalPort, folder))) {
      TemporalStartup startup = app.getBean(TemporalStartup.class);
      HealthIndicator health = app.getBean("temporalHealthIndicator", HealthIndicator.class);

      await().until(() -> startup.lastError() != null);
      assertThat(startup.ready()).isNotDone();
      assertThat(startup.waitingFor()).isEqualTo("register search attributes");
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.health().getDetails())
          .containsEntry("waitingFor", "register search attributes");

      try (TestServer.PortBoundTestServer server =
              TestServer.createPortBoundServer(temporalPort, true);
          TestTemporal temporal = new TestTemporal("127.0.0.1:" + temporalPort)) {
        startup.ready().get(60, TimeUnit.SECONDS);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(
                new SearchAttributeRegistrar(temporal.operator, TestTemporal.NAMESPACE)
                    .registerMissing(SearchAttributes.ALL))
            .as("the worker registered them all")
            .isEmpty();
        WorkflowClient client = app.getBean(WorkflowClient.class);
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(
                            client
                                .newUntypedWorkflowStub(WorkflowIds.downloadMonitor("qbittorrent"))
                                .describe()
                                .getStatus())
                        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
        app.close(); // workers stop before the server goes away
      }
    }
    assertThat(Files.isDirectory(folder.resolve("movies"))).isTrue();
  }
}
