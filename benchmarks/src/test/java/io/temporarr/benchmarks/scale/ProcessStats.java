package io.temporarr.benchmarks.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the scale benchmark reads about the worker process: CPU time and RSS from {@code /proc}
 * (Linux), heap used from {@code jcmd <pid> GC.heap_info} after a full GC ({@code jcmd GC.run}).
 */
public final class ProcessStats {

  /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux we run on. */
  public static final long CLOCK_TICKS_PER_SECOND = 100;

  private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);

  // G1: " garbage-first heap   total 524288K, used 123456K [0x…"; Serial/Parallel print the
  // generations with the same "used NK" wording, the first line being the whole heap.
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private ProcessStats() {}

  /**
   * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in clock ticks. The
   * command name (field 2) is in parentheses and may hold spaces, so fields are counted after its
   * closing parenthesis.
   */
  public static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] fields = stat.substring(close + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  /** VmRSS of a {@code /proc/<pid>/status} text, in bytes. */
  public static long rssBytes(String status) {
    Matcher m = RSS.matcher(status);
    if (!m.find()) {
      throw new IllegalArgumentException("no VmRSS in /proc/<pid>/status");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /** Heap used of a {@code jcmd GC.heap_info} output, in bytes. */
  public static long heapUsedBytes(String heapInfo) {
    Matcher m = HEAP_USED.matcher(heapInfo);
    if (!m.find()) {
      throw new IllegalArgumentException("no heap total/used line in:\n" + heapInfo);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /** CPU time the process has used so far, in clock ticks. */
  public static long cpuTicksOf(long pid) throws IOException {
    return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  public static long rssBytesOf(long pid) throws IOException {
    return rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
  }

  /** Runs a full GC in the process, then reads the heap used. */
  public static long heapUsedAfterFullGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    return heapUsedBytes(jcmd(pid, "GC.heap_info"));
  }

  /** Runs {@code jcmd <pid> <command…>}; returns its output, fails when jcmd does. */
  public static String jcmd(long pid, String... command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
