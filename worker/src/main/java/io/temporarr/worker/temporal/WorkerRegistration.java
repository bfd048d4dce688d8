package io.temporarr.worker.temporal;

import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import io.temporarr.workflows.request.internal.MediaRequestWorkflowImpl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Registers the worker of {@link TaskQueues#MEDIA_REQUESTS} through the starter's own {@code
 * spring.temporal.workers} properties, contributed here so the task queue comes from {@link
 * TaskQueues} rather than a string in YAML. The workflows module has no Spring (no
 * {@code @WorkflowImpl}), so the implementations are listed here; the starter creates each workflow
 * instance and applies the {@code WorkflowImplementationOptionsCustomizer} (declarative activity
 * options) to it. Activities are the Spring beans named below.
 *
 * <p>The source is added last: a {@code spring.temporal.workers} list in application.yml replaces
 * this one as a whole. {@code spring.temporal.start-workers=false} because {@link TemporalStartup}
 * starts the workers once Temporal answers, instead of failing start-up while it is down.
 */
public class WorkerRegistration implements EnvironmentPostProcessor {

  public static final String SEARCH_ACTIVITIES = "searchActivities";
  public static final String DOWNLOAD_ACTIVITIES = "downloadActivities";
  public static final String PROCESSING_ACTIVITIES = "processingActivities";
  public static final String NOTIFICATION_ACTIVITIES = "notificationActivities";
  public static final String LIBRARY_ACTIVITIES = "libraryActivities";
  public static final String POLICY_ACTIVITIES = "policyActivities";

  /** Every activity bean of the task queue, one per port. */
  public static final List<String> ACTIVITY_BEANS =
      List.of(
          SEARCH_ACTIVITIES,
          DOWNLOAD_ACTIVITIES,
          PROCESSING_ACTIVITIES,
          NOTIFICATION_ACTIVITIES,
          LIBRARY_ACTIVITIES,
          POLICY_ACTIVITIES);

  /** The workflow implementations of the task queue (workflows module). */
  public static final List<Class<?>> WORKFLOW_CLASSES =
      List.of(MediaRequestWorkflowImpl.class, DownloadMonitorWorkflowImpl.class);

  static final String SOURCE_NAME = "temporarrWorkerRegistration";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties()));
  }

  static Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    String worker = "spring.temporal.workers[0].";
    properties.put(worker + "task-queue", TaskQueues.MEDIA_REQUESTS);
    for (int i = 0; i < WORKFLOW_CLASSES.size(); i++) {
      properties.put(worker + "workflow-classes[" + i + "]", WORKFLOW_CLASSES.get(i).getName());
    }
    for (int i = 0; i < ACTIVITY_BEANS.size(); i++) {
      properties.put(worker + "activity-beans[" + i + "]", ACTIVITY_BEANS.get(i));
    }
    properties.put("spring.temporal.start-workers", "false");
    return properties;
  }
}
