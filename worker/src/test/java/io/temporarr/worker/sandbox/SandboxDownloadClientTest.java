package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SandboxDownloadClientTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
  private static final long SIZE = 4096;

  @TempDir Path downloads;
  private final SandboxTestClock clock = new SandboxTestClock();

  @Test
  void base32MagnetsAreReadAsTheirHexInfohash() {
    // base32 of the 20 bytes 0x01 0x23 … as BitTorrent clients accept it
    assertThat(
            SandboxDownloadClient.Magnet.parse(
                "magnet:?xt=urn:btih:AERUKZ4JVPG66AJDIVTYTK6N54ASGRLH"))
        .hasValueSatisfying(m -> assertThat(m.hash()).isEqualTo(HASH));
    assertThat(SandboxDownloadClient.Magnet.parse("magnet:?xt=urn:btih:" + HASH + "&dn=A+B%20C"))
        .hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("A B C"));
    assertThat(SandboxDownloadClient.Magnet.parse("magnet:?xt=urn:btih:123")).isEmpty();
    assertThat(SandboxDownloadClient.Magnet.parse("magnet:?dn=x")).isEmpty();
    assertThat(SandboxDownloadClient.Magnet.parse("magnet:?xt=urn:btih:" + HASH + "&dn=%zz"))
        .isEmpty();
  }

  @Test
  void namesFromMagnetsCannotEscapeTheSavePath() {
    assertThat(SandboxDownloadClient.fileSystemName("../../etc/passwd", HASH))
        .isEqualTo(".._.._etc_passwd");
    assertThat(SandboxDownloadClient.fileSystemName("..", HASH)).isEqualTo(HASH);
    assertThat(SandboxDownloadClient.fileSystemName("  ", HASH)).isEqualTo(HASH);
    assertThat(SandboxDownloadClient.fileSystemName("a".repeat(300), HASH)).hasSize(200);
  }

  @Test
  void aClientFurtherBehindThanTheRememberedRemovalsGetsAFullUpdate() {
    SandboxDownloadClient client = client(Duration.ofSeconds(20));
    long start = client.rid();
    for (int i = 0; i <= SandboxDownloadClient.REMOVALS_KEPT; i++) {
      String hash = String.format("%040x", i);
      client.add(List.of("magnet:?xt=urn:btih:" + hash), null, null, Set.of(), false);
      client.delete(List.of(hash), false);
    }

    assertThat(client.maindata(start)).containsEntry("full_update", true);
    assertThat(client.maindata(client.rid() - 1)).doesNotContainKey("full_update");
  }

  @Test
  void reAddingARemovedTorrentIsNotReportedAsRemoved() {
    SandboxDownloadClient client = client(Duration.ofSeconds(20));
    String magnet = "magnet:?xt=urn:btih:" + HASH;
    client.add(List.of(magnet), null, null, Set.of(), false);
    long rid = client.rid();
    client.delete(List.of(HASH), false);
    client.add(List.of(magnet), null, null, Set.of(), false);

    Map<String, Object> update = client.maindata(rid);

    assertThat(update).doesNotContainKey("torrents_removed");
    assertThat(update.get("torrents"))
        .isInstanceOfSatisfying(Map.class, t -> assertThat(t.keySet()).containsExactly(HASH));
  }

  @Test
  void aZeroDurationCompletesAtOnceUnlessAddedPaused() {
    SandboxDownloadClient client = client(Duration.ZERO);
    client.add(List.of("magnet:?xt=urn:btih:" + HASH + "&dn=Now"), null, null, Set.of(), false);
    client.add(
        List.of("magnet:?xt=urn:btih:" + "f".repeat(40) + "&dn=Later"), null, null, Set.of(), true);

    List<Map<String, Object>> torrents = client.info(null, null, null, null);

    assertThat(torrents.get(0)).containsEntry("state", "uploading").containsEntry("progress", 1.0);
    assertThat(torrents.get(1)).containsEntry("state", "pausedDL").containsEntry("progress", 0.0);
    assertThat(downloads.resolve("Now").resolve("Now.mkv")).isRegularFile();
    assertThat(client.info(null, null, null, "completed")).hasSize(1);
    assertThat(client.info(null, null, null, "downloading")).hasSize(1);
  }

  @Test
  void aContentWriteFailureShowsTheErrorState() throws Exception {
    Path notADirectory = Files.writeString(downloads.resolve("occupied"), "x");
    SandboxDownloadClient client = client(Duration.ZERO);

    client.add(
        List.of("magnet:?xt=urn:btih:" + HASH), notADirectory.toString(), null, Set.of(), false);

    assertThat(client.info(null, null, null, null).get(0)).containsEntry("state", "error");
    assertThat(client.info(null, null, null, "errored")).hasSize(1);
  }

  private SandboxDownloadClient client(Duration duration) {
    return new SandboxDownloadClient(downloads, duration, SIZE, Duration.ofMinutes(100), clock);
  }
}
