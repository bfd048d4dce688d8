package io.temporarr.worker.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Clients of a Temporal server on a local port, closed together. */
final class TestTemporal implements AutoCloseable {

  static final String NAMESPACE = "default";

  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  final OperatorServiceStubs operator;

  TestTemporal(String target) {
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    this.operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Command-line arguments (they win over application.yml) of a worker in {@code external} mode
   * against 127.0.0.1:{@code temporalPort}, with fast start-up retries, a free HTTP port and the
   * sandbox's folders under {@code folder}; {@code settings} are added last.
   */
  static String[] externalWorkerArgs(int temporalPort, Path folder, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--temporarr.temporal.mode=external",
                "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
                "--temporarr.temporal.startup.initial-backoff=100ms",
                "--temporarr.temporal.startup.maximum-backoff=500ms",
                "--server.port=" + freePort(),
                "--temporarr.sandbox.downloads-dir=" + folder.resolve("downloads"),
                "--temporarr.processing.library.movies=" + folder.resolve("movies"),
                "--temporarr.processing.library.tv=" + folder.resolve("tv")));
    args.addAll(List.of(settings));
    return args.toArray(String[]::new);
  }

  @Override
  public void close() {
    operator.shutdown();
    stubs.shutdown();
    operator.awaitTermination(5, TimeUnit.SECONDS);
    stubs.awaitTermination(5, TimeUnit.SECONDS);
  }
}
