package io.temporarr.benchmarks.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link BareWorker} as a child JVM on this test's classpath; closing it kills it. */
final class BareWorkerProcess implements AutoCloseable {

  private static final String LOGBACK =
      """
      <configuration>
        <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d %-5level [%thread] %logger{36} : %msg%n</pattern></encoder>
        </appender>
        <root level="INFO"><appender-ref ref="out"/></root>
      </configuration>
      """;

  private final Process process;
  private final Thread reaper;

  private BareWorkerProcess(Process process) {
    this.process = process;
    this.reaper = new Thread(process::destroyForcibly, "reap-bare-worker");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * @throws IllegalStateException when it exits or does not poll within {@code start}
   */
  static BareWorkerProcess start(
      String target, Duration downloadDuration, List<String> jvmOptions, Path log, Duration start)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // Without a configuration logback logs at DEBUG; the worker jar logs at INFO.
    Files.createDirectories(log.getParent());
    Path logback = log.resolveSibling("bare-worker-logback.xml");
    Files.writeString(logback, LOGBACK);
    command.add("-Dlogback.configurationFile=" + logback);
    // Surefire's class path (or its manifest-only jar, whose Class-Path java honours).
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(
        List.of(BareWorker.class.getName(), target, Long.toString(downloadDuration.toMillis())));
    Files.createDirectories(log.getParent());
    BareWorkerProcess started =
        new BareWorkerProcess(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start());
    Instant deadline = Instant.now().plus(start);
    while (Instant.now().isBefore(deadline)) {
      if (!started.process.isAlive()) {
        throw new IllegalStateException("bare worker exited:\n" + Files.readString(log));
      }
      if (Files.readString(log).contains(BareWorker.READY)) {
        return started;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    started.close();
    throw new IllegalStateException("bare worker not polling in time:\n" + Files.readString(log));
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it kills the same process.
    }
  }
}
