package io.temporarr.worker.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.workflows.common.SearchAttributes;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default: Temporal's Java test server in this process, bound to a real port (so the
 * {@code temporal} CLI and {@code tctl} connect) and running in real time (no time skipping). It
 * keeps everything in memory: workflows do not survive a restart of the worker. Supports start,
 * signal, query, update, timers and activities; not list queries, reset or schedules (use {@code
 * temporal server start-dev} and {@code external} mode for those).
 *
 * <p>It has no authentication: whoever reaches the port can start, signal, terminate and read every
 * workflow. So it listens on one address, loopback unless configured otherwise, rather than on
 * every interface as the SDK's {@code TestServer.createPortBoundServer} does.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;
  private final InetSocketAddress address;

  private EmbeddedTemporalServer(
      TestServicesStarter services, Server server, InetSocketAddress address) {
    this.services = services;
    this.server = server;
    this.address = address;
  }

  /** {@link #start(InetAddress, int, String)} on the loopback address. */
  public static EmbeddedTemporalServer start(int port, String namespace) {
    return start(InetAddress.getLoopbackAddress(), port, namespace);
  }

  /**
   * Starts the server and registers {@link SearchAttributes#ALL} before anyone can connect to start
   * a workflow that sets them.
   *
   * @param bindAddress the one address to listen on
   * @param port the port to bind, 0 for any free one
   * @throws InvalidConfigurationException when the port is taken
   */
  public static EmbeddedTemporalServer start(InetAddress bindAddress, int port, String namespace) {
    // true = time skipping locked: timers take real time, as on a real server. (With false the
    // server skips ahead whenever no activity runs, and the download monitor's poll timer fires
    // back to back.)
    TestServicesStarter services = new TestServicesStarter(true, 0);
    Server server;
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(bindAddress, port), InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      services.close();
      if (causedByBindFailure(e)) {
        throw new InvalidConfigurationException(
            "temporarr.temporal.embedded.port",
            "port " + port + " is already in use",
            "Stop what listens there (a `temporal server start-dev`?), choose another port with"
                + " TEMPORARR_TEMPORAL_EMBEDDED_PORT, or use that server with"
                + " TEMPORARR_TEMPORAL_MODE=external.");
      }
      throw new IllegalStateException("the embedded Temporal server did not start", e);
    }
    EmbeddedTemporalServer embedded =
        new EmbeddedTemporalServer(
            services, server, (InetSocketAddress) server.getListenSockets().get(0));
    try {
      embedded.registerSearchAttributes(namespace);
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
    return embedded;
  }

  public int port() {
    return address.getPort();
  }

  /** The address and port the server listens on. */
  public InetSocketAddress listenAddress() {
    return address;
  }

  /**
   * The gRPC target clients use, e.g. {@code 127.0.0.1:7233}: the bound address, or loopback when
   * it listens on every interface.
   */
  public String target() {
    InetAddress host =
        address.getAddress().isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress()
            : address.getAddress();
    String literal = host.getHostAddress();
    return (host instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + port();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      services.close();
    }
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
