package io.temporarr.benchmarks.polling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a configuration logback logs at DEBUG, and the SDK's gRPC frames at DEBUG cost more CPU
 * than a benchmark's own work on a small machine: the benchmarks log at INFO.
 */
public final class QuietLogs {

  private QuietLogs() {}

  public static void atInfo() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }
}
