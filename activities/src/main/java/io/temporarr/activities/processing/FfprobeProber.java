package io.temporarr.activities.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code ffprobe -v error -count_packets -print_format json -show_format -show_streams
 * -show_error} on one file.
 *
 * <p>{@code -count_packets} makes ffprobe read the whole file: the only reliable sign of a
 * truncated MKV, which still exits 0 with its header duration intact. The timeout therefore has to
 * cover reading the largest expected file from disk.
 */
public final class FfprobeProber implements MediaProber {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Corrupt files can make ffprobe write megabytes of errors; the first lines are what matter. */
  static final int MAX_CAPTURED_CHARS = 64 * 1024;

  private final Path executable;
  private final Duration timeout;

  /**
   * @param executable ffprobe binary; a bare name ({@code ffprobe}) is looked up on the PATH
   * @param timeout longest time one probe may take before ffprobe is killed
   */
  public FfprobeProber(Path executable, Duration timeout) {
    if (executable == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ffprobe executable and a positive timeout are required");
    }
    this.executable = executable;
    this.timeout = timeout;
  }

  @Override
  public ProbeResult probe(Path file) {
    Process process = start(file);
    // Both pipes are drained concurrently: a process blocked on a full stderr pipe would never
    // close stdout (and vice versa).
    CompletableFuture<String> stdout = drain(process.getInputStream(), "ffprobe-stdout");
    CompletableFuture<String> stderr = drain(process.getErrorStream(), "ffprobe-stderr");
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw Activity.wrap(
            new TimeoutException("ffprobe did not finish within " + timeout + " on " + file));
      }
      return parse(process.exitValue(), collect(stdout), collect(stderr));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  private Process start(Path file) {
    List<String> command =
        List.of(
            executable.toString(),
            "-v",
            "error",
            // Downloads are untrusted: a playlist disguised as a video must not make ffprobe open
            // network URLs or other protocols.
            "-protocol_whitelist",
            "file",
            "-count_packets",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            "-show_error",
            // The explicit file: protocol on an absolute path can neither be read as an option
            // (leading dash) nor as another protocol (a colon in the name).
            "-i",
            "file:" + file.toAbsolutePath());
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ffprobe could not be started from '"
              + executable
              + "' ("
              + e.getMessage()
              + "); install ffmpeg or configure the ffprobe path",
          ErrorTypes.CONFIGURATION);
    }
  }

  private static CompletableFuture<String> drain(InputStream in, String name) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                text.complete(readCapped(r));
              } catch (IOException e) {
                text.completeExceptionally(e);
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  /** Keeps the first {@link #MAX_CAPTURED_CHARS} characters but reads to the end. */
  private static String readCapped(Reader reader) throws IOException {
    StringBuilder kept = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      int room = MAX_CAPTURED_CHARS - kept.length();
      if (room > 0) {
        kept.append(buffer, 0, Math.min(n, room));
      }
    }
    return kept.toString();
  }

  private String collect(CompletableFuture<String> text) throws InterruptedException {
    try {
      // The process has exited, so its pipes are at end of stream unless a child still holds them.
      return text.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }

  static ProbeResult parse(int exitCode, String stdout, String stderr) {
    JsonNode root;
    try {
      root = stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
    } catch (JsonProcessingException e) {
      return ProbeResult.failed(
          exitCode, stderr, "unreadable ffprobe output: " + e.getOriginalMessage());
    }
    String error = root.path("error").path("string").asText(null);
    JsonNode video = firstVideoStream(root.path("streams"));
    double duration = number(root.path("format").path("duration"));
    if (duration <= 0 && video != null) {
      duration = number(video.path("duration"));
    }
    if (video == null) {
      return new ProbeResult(exitCode, stderr, duration, null, 0, 0, 0, 0, error);
    }
    double frameRate = rate(video.path("avg_frame_rate").asText(""));
    if (frameRate <= 0) {
      frameRate = rate(video.path("r_frame_rate").asText(""));
    }
    return new ProbeResult(
        exitCode,
        stderr,
        duration,
        video.path("codec_name").asText("unknown"),
        video.path("width").asInt(),
        video.path("height").asInt(),
        frameRate,
        video.path("nb_read_packets").asLong(),
        error);
  }

  private static JsonNode firstVideoStream(JsonNode streams) {
    for (JsonNode stream : streams) {
      // Cover art in MKV/MP4 is a one-frame "video" stream; it says nothing about the film.
      if ("video".equals(stream.path("codec_type").asText())
          && stream.path("disposition").path("attached_pic").asInt() != 1) {
        return stream;
      }
    }
    return null;
  }

  /** ffprobe prints numbers as JSON strings ("5.023000"). */
  private static double number(JsonNode node) {
    try {
      return node.isMissingNode() ? 0 : finite(Double.parseDouble(node.asText()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** "30000/1001" → 29.97; "0/0" or garbage → 0. */
  static double rate(String fraction) {
    String[] parts = fraction.split("/");
    try {
      double numerator = Double.parseDouble(parts[0]);
      double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
      return denominator > 0 && numerator > 0 ? finite(numerator / denominator) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** "NaN" and "Infinity" parse as doubles but would slip through every comparison. */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
