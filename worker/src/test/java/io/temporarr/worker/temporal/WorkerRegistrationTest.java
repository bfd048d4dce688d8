package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.spring.boot.autoconfigure.properties.WorkerProperties;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import io.temporarr.workflows.request.internal.MediaRequestWorkflowImpl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class WorkerRegistrationTest {

  @Test
  void contributesTheMediaRequestsWorkerToTheStartersProperties() {
    StandardEnvironment environment = new StandardEnvironment();

    new WorkerRegistration().postProcessEnvironment(environment, new SpringApplication());

    List<WorkerProperties> workers = bindWorkers(environment);
    assertThat(workers).hasSize(1);
    WorkerProperties worker = workers.get(0);
    assertThat(worker.getTaskQueue()).isEqualTo(TaskQueues.MEDIA_REQUESTS);
    assertThat(worker.getWorkflowClasses())
        .containsExactly(MediaRequestWorkflowImpl.class, DownloadMonitorWorkflowImpl.class);
    assertThat(worker.getActivityBeans())
        .containsExactly(
            "searchActivities",
            "downloadActivities",
            "processingActivities",
            "notificationActivities",
            "libraryActivities",
            "policyActivities");
    assertThat(environment.getProperty("spring.temporal.start-workers")).isEqualTo("false");
  }

  @Test
  void aWorkersListInTheApplicationsOwnConfigurationReplacesItWhole() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "application.yml",
                Map.of(
                    "spring.temporal.workers[0].task-queue", "custom",
                    "spring.temporal.start-workers", "true")));

    new WorkerRegistration().postProcessEnvironment(environment, new SpringApplication());

    List<WorkerProperties> workers = bindWorkers(environment);
    assertThat(workers).extracting(WorkerProperties::getTaskQueue).containsExactly("custom");
    assertThat(workers.get(0).getActivityBeans()).isNull();
    assertThat(environment.getProperty("spring.temporal.start-workers")).isEqualTo("true");
  }

  private static List<WorkerProperties> bindWorkers(StandardEnvironment environment) {
    return Binder.get(environment)
        .bind("spring.temporal.workers", Bindable.listOf(WorkerProperties.class))
        .orElse(List.of());
  }
}
