package io.temporarr.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory figures of a running process from Linux's {@code /proc/<pid>/status}. */
public final class ProcStatus {

  private static final Pattern KIB_LINE =
      Pattern.compile("^(\\w+):\\s+(\\d+) kB$", Pattern.MULTILINE);

  private ProcStatus() {}

  /**
   * The resident set size of the process now, in MiB.
   *
   * @throws IOException when the process is gone or its status has no {@code VmRSS}
   */
  static double rssMib(long pid) throws IOException {
    return kib(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmRSS") / 1024.0;
  }

  /**
   * A {@code kB} figure ({@code VmRSS}, {@code VmHWM}, …) of a {@code /proc/<pid>/status} text.
   *
   * @throws IOException when the text has no such line
   */
  static long kib(String status, String field) throws IOException {
    Matcher line = KIB_LINE.matcher(status);
    while (line.find()) {
      if (line.group(1).equals(field)) {
        return Long.parseLong(line.group(2));
      }
    }
    throw new IOException("no " + field + " in the process status");
  }
}
