package io.temporarr.activities.qbittorrent;

import io.temporarr.activities.testing.Tools;
import io.temporarr.activities.torrent.TorrentFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real content and its real .torrent for loopback downloads: one file in a folder named {@code
 * name}, made into a torrent by {@code mktorrent} with an announce URL nothing listens on (peers
 * come from {@link QbittorrentClient#addPeers}). Public and in the activities test-jar for the
 * worker's end-to-end suite.
 *
 * <pre>{@code
 * TorrentPayload payload = TorrentPayload.video(workDir, "Sample.Movie.2024", 5);
 * payload.copyContentTo(seeder.savePath());
 * seederClient.addTorrentFile("x.torrent", payload.torrentBytes(), List.of());
 * }</pre>
 *
 * @param contentDir the folder the torrent describes ({@code workDir/name})
 * @param mainFile the one file inside it
 * @param torrentFile the .torrent ({@code workDir/name.torrent})
 * @param infoHash its v1 infohash, lower-case hex
 */
public record TorrentPayload(
    String name, Path contentDir, Path mainFile, Path torrentFile, String infoHash) {

  /** The announce URL written into every payload torrent: port 1 on loopback, never answered. */
  public static final String DEAD_TRACKER = "http://127.0.0.1:1/announce";

  /**
   * A real H.264/AAC MKV made by ffmpeg ({@code testsrc} + {@code sine}); 5 s ≈ 70 KB, enough for
   * ffprobe to verify.
   */
  public static TorrentPayload video(Path workDir, String name, int seconds)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(workDir.resolve(name));
    Path file = dir.resolve(name + ".mkv");
    run(
        List.of(
            Tools.require("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=" + seconds + ":size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=duration=" + seconds,
            "-c:v",
            "libx264",
            "-c:a",
            "aac",
            file.toString()));
    return torrent(workDir, name, file);
  }

  /** {@code size} random bytes (seeded, so reruns are alike); for large, slow transfers. */
  public static TorrentPayload randomBytes(Path workDir, String name, long size)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(workDir.resolve(name));
    Path file = dir.resolve(name + ".bin");
    Random random = new Random(size);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    return torrent(workDir, name, file);
  }

  /** The .torrent bytes, e.g. to serve from a fake indexer or add to a seeder. */
  public byte[] torrentBytes() {
    try {
      return Files.readAllBytes(torrentFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A magnet URI for the payload (no trackers: peers must be added). */
  public String magnetUri() {
    return "magnet:?xt=urn:btih:" + infoHash + "&dn=" + name;
  }

  /** Copies the content folder into a save path, so a client adding the torrent there seeds it. */
  public void copyContentTo(Path savePath) throws IOException {
    Path target = Files.createDirectories(savePath.resolve(name));
    try (Stream<Path> files = Files.list(contentDir)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
  }

  private static TorrentPayload torrent(Path workDir, String name, Path file)
      throws IOException, InterruptedException {
    Path torrent = workDir.resolve(name + ".torrent");
    Files.deleteIfExists(torrent);
    // 64 KiB pieces (-l 16): fine-grained progress for the slow transfers of stall tests.
    run(
        List.of(
            Tools.require("mktorrent"),
            "-a",
            DEAD_TRACKER,
            "-l",
            "16",
            "-o",
            torrent.toString(),
            workDir.resolve(name).toString()));
    String hash = TorrentFile.parse(Files.readAllBytes(torrent)).infoHash();
    return new TorrentPayload(name, workDir.resolve(name), file, torrent, hash);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }
  }
}
