package io.temporarr.activities.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged Spring Boot jar (worker or gateway) run as its own process on loopback, so a chaos
 * test can {@code kill -9} it exactly as a crash would: no shutdown hook, no graceful stop. Started
 * processes are also killed by a JVM shutdown hook, so none outlives the test run.
 */
public final class JarProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final Thread reaper;

  private JarProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "reap-" + process.pid());
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts {@code java -jar jar args…} with the extra environment, its output in {@code log}, and
   * waits until {@code /actuator/health} on {@code httpPort} answers 200.
   *
   * @throws IllegalStateException when the jar is missing, the process exits or is not healthy in
   *     time (the log's tail is in the message)
   */
  public static JarProcess start(
      Path jar, Path log, int httpPort, Map<String, String> env, List<String> args, Duration start)
      throws IOException, InterruptedException {
    // Small heaps: several JVMs share a small CI machine.
    return start(
        jar, log, httpPort, env, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args, start);
  }

  /**
   * As {@link #start(Path, Path, int, Map, List, Duration)}, with the JVM options given instead of
   * the small-heap defaults (benchmarks run the jars with their production options).
   */
  public static JarProcess start(
      Path jar,
      Path log,
      int httpPort,
      Map<String, String> env,
      List<String> jvmOptions,
      List<String> args,
      Duration start)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with `mvn package` first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.add("--server.address=127.0.0.1");
    command.add("--server.port=" + httpPort);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    JarProcess started = new JarProcess(builder.start(), httpPort, log);
    Instant deadline = Instant.now().plus(start);
    while (Instant.now().isBefore(deadline)) {
      if (!started.process.isAlive()) {
        throw new IllegalStateException(
            jar.getFileName()
                + " exited with "
                + started.process.exitValue()
                + ":\n"
                + started.tail());
      }
      if (started.healthy()) {
        return started;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    started.close();
    throw new IllegalStateException(jar.getFileName() + " not healthy in time:\n" + started.tail());
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return httpPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}; returns once the process is gone, with its exit status (137). */
  public int kill9() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || !process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("kill -9 " + process.pid() + " did not end the process");
    }
    return process.exitValue();
  }

  /** GET on this process' HTTP port; the body, or an exception when it does not answer. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The value of an unlabelled metric on {@code /actuator/prometheus}.
   *
   * @throws IllegalStateException when the process does not expose it
   */
  public double metric(String name) throws IOException, InterruptedException {
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(get("/actuator/prometheus").body());
    if (!matcher.find()) {
      throw new IllegalStateException("no metric " + name);
    }
    return Double.parseDouble(matcher.group(1));
  }

  private boolean healthy() throws InterruptedException {
    try {
      return get("/actuator/health").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The last 40 lines of the process' log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it kills the same process.
    }
  }
}
