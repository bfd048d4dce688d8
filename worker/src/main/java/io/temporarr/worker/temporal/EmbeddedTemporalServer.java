package io.temporarr.worker.temporal;

import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.workflows.common.SearchAttributes;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default: Temporal's Java test server in this process, bound to a real port (so the
 * {@code temporal} CLI and {@code tctl} connect) and running in real time (no time skipping). It
 * keeps everything in memory: workflows do not survive a restart of the worker. Supports start,
 * signal, query, update, timers and activities; not list queries, reset or schedules (use {@code
 * temporal server start-dev} and {@code external} mode for those).
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server and registers {@link SearchAttributes#ALL} before anyone can connect to start
   * a workflow that sets them.
   *
   * @param port the port to bind, 0 for any free one
   * @throws InvalidConfigurationException when the port is taken
   */
  public static EmbeddedTemporalServer start(int port, String namespace) {
    int bound = port == 0 ? freePort() : port;
    TestServer.PortBoundTestServer server;
    try {
      // true = time skipping locked: timers take real time, as on a real server. (With false the
      // server skips ahead whenever no activity runs, and the download monitor's poll timer fires
      // back to back.)
      server = TestServer.createPortBoundServer(bound, true);
    } catch (RuntimeException e) {
      if (causedByBindFailure(e)) {
        throw new InvalidConfigurationException(
            "temporarr.temporal.embedded.port",
            "port " + bound + " is already in use",
            "Stop what listens there (a `temporal server start-dev`?), choose another port with"
                + " TEMPORARR_TEMPORAL_EMBEDDED_PORT, or use that server with"
                + " TEMPORARR_TEMPORAL_MODE=external.");
      }
      throw e;
    }
    EmbeddedTemporalServer embedded = new EmbeddedTemporalServer(server, bound);
    try {
      embedded.registerSearchAttributes(namespace);
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
    return embedded;
  }

  public int port() {
    return port;
  }

  /** The gRPC target clients use, e.g. {@code 127.0.0.1:7233}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private void registerSearchAttributes(String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      new SearchAttributeRegistrar(operator, namespace).registerMissing(SearchAttributes.ALL);
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the embedded Temporal server", e);
    }
  }

  /** gRPC reports "Failed to bind"; Netty's native transport does not use BindException. */
  private static boolean causedByBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof BindException
          || message.startsWith("Failed to bind")
          || message.contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
