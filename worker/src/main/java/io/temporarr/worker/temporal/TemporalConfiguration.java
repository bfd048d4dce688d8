package io.temporarr.worker.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Temporal connection modes and start-up. {@code embedded} (the sandbox profile's mode; any other
 * profile must set it explicitly, and is warned at every start that everything is in memory) starts
 * {@link EmbeddedTemporalServer} before the starter creates its service stubs, and points them at
 * it; {@code external} uses {@code spring.temporal.connection.target} and registers the search
 * attributes there. Without a mode start-up stops ({@link TemporalModeProperties#requireMode()}).
 * In both modes the workers and download monitors start through {@link TemporalStartup} and drain
 * through {@link WorkerDrain}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemporalModeProperties.class)
public class TemporalConfiguration {

  /** Where the {@code temporal server start-dev} Web UI listens for a server on localhost:7233. */
  static final String DEV_SERVER_WEB_UI = "http://localhost:8233";

  /** The profile of the embedded default, the only one where embedded mode is the default. */
  static final String SANDBOX_PROFILE = "sandbox";

  /** Logged at every start of the embedded server outside the sandbox profile. */
  static final String IN_MEMORY_WARNING =
      "temporarr.temporal.mode=embedded outside the sandbox profile: Temporal runs in memory in this"
          + " process, and every request, workflow and history is lost when the worker stops. Use a"
          + " persistent server instead: TEMPORARR_TEMPORAL_MODE=external with"
          + " spring.temporal.connection.target (scripts/run --dev-server, a cluster or Temporal"
          + " Cloud).";

  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  private static final Set<String> LOCAL_DEFAULT_TARGETS =
      Set.of("localhost:7233", "127.0.0.1:7233");

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "temporarr.temporal", name = "mode", havingValue = "embedded")
  static class Embedded {

    @Bean(destroyMethod = "close")
    EmbeddedTemporalServer embeddedTemporalServer(
        TemporalModeProperties properties,
        @Value("${spring.temporal.namespace:default}") String namespace,
        Environment environment) {
      if (!environment.acceptsProfiles(Profiles.of(SANDBOX_PROFILE))) {
        log.warn(IN_MEMORY_WARNING);
      }
      InetAddress address = properties.embedded().address();
      if (!address.isLoopbackAddress()) {
        log.warn(
            "temporarr.temporal.embedded.address={}: the embedded Temporal server, which has no"
                + " authentication, is reachable beyond this machine; whoever reaches it can start,"
                + " signal, terminate and read every workflow",
            address.getHostAddress());
      }
      return EmbeddedTemporalServer.start(address, properties.embedded().port(), namespace);
    }

    /**
     * The starter builds its service stubs with every such customizer, so depending on the server
     * here makes it start before any Temporal client exists.
     */
    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> embeddedTemporalTarget(
        EmbeddedTemporalServer server) {
      return stubs -> stubs.setTarget(server.target()).setEnableHttps(false);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "temporarr.temporal", name = "mode", havingValue = "external")
  static class External {

    @Bean(destroyMethod = "shutdown")
    OperatorServiceStubs temporarrOperatorServiceStubs(WorkflowClient client) {
      return OperatorServiceStubs.newServiceStubs(
          operatorOptions(client.getWorkflowServiceStubs().getOptions()));
    }
  }

  /**
   * The Operator API on the same connection settings as the starter's client: target, TLS (mTLS
   * {@code spring.temporal.connection.mtls.*}) and the API key ({@code
   * spring.temporal.connection.api-key}) of a cluster or Temporal Cloud.
   */
  static OperatorServiceStubsOptions operatorOptions(WorkflowServiceStubsOptions client) {
    return OperatorServiceStubsOptions.newBuilder(client).validateAndBuildWithDefaults();
  }

  @Bean
  DownloadMonitors downloadMonitors(WorkflowClient client, IntegrationProperties integrations) {
    Map<String, Duration> intervals = new LinkedHashMap<>();
    integrations
        .downloadClients()
        .forEach((name, settings) -> intervals.put(name, settings.pollInterval()));
    return new DownloadMonitors(client, intervals);
  }

  @Bean
  TemporalStartup temporalStartup(
      TemporalModeProperties properties,
      WorkflowClient client,
      WorkerFactory workerFactory,
      DownloadMonitors downloadMonitors,
      ObjectProvider<OperatorServiceStubs> operator) {
    TemporalModeProperties.Mode mode = properties.requireMode();
    WorkflowServiceStubs stubs = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    List<TemporalStartup.Step> steps = new ArrayList<>();
    if (mode == TemporalModeProperties.Mode.EXTERNAL && properties.registerSearchAttributes()) {
      // The embedded server registered them before it accepted connections.
      SearchAttributeRegistrar registrar =
          new SearchAttributeRegistrar(operator.getObject(), namespace);
      steps.add(
          new TemporalStartup.Step(
              "register search attributes", () -> registrar.registerMissing(SearchAttributes.ALL)));
    }
    steps.add(new TemporalStartup.Step("start workers", workerFactory::start));
    steps.add(new TemporalStartup.Step("start download monitors", downloadMonitors::ensureRunning));
    return new TemporalStartup(
        connectionLine(mode, stubs.getOptions().getTarget(), namespace),
        steps,
        properties.startup().initialBackoff(),
        properties.startup().maximumBackoff());
  }

  @Bean
  WorkerDrain workerDrain(
      WorkerFactory workerFactory, TemporalStartup startup, TemporalModeProperties properties) {
    return new WorkerDrain(workerFactory, startup, properties.drainTimeout());
  }

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(TemporalStartup startup, WorkflowClient client) {
    return new TemporalHealthIndicator(
        startup, client.getWorkflowServiceStubs().getOptions().getTarget());
  }

  /** The one line that tells an operator where Temporal is and how to look at it. */
  static String connectionLine(TemporalModeProperties.Mode mode, String target, String namespace) {
    String common =
        " at " + target + ", namespace " + namespace + ", task queue " + TaskQueues.MEDIA_REQUESTS;
    if (mode == TemporalModeProperties.Mode.EMBEDDED) {
      return "Temporal: embedded test server"
          + common
          + " (in memory; try `temporal workflow describe --address "
          + target
          + " -w <workflow id>`)";
    }
    String line = "Temporal: external server" + common;
    return LOCAL_DEFAULT_TARGETS.contains(target) ? line + "; Web UI " + DEV_SERVER_WEB_UI : line;
  }
}
