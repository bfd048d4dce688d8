package io.temporarr.activities.torrent;

import static io.temporarr.activities.torrent.TorrentAssertions.assertInvalidRelease;
import static io.temporarr.activities.torrent.TorrentAssertions.assertReturnsOrInvalidRelease;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class TorrentFileTest {

  /**
   * Made by {@code mktorrent -a http://127.0.0.1:1/announce} over a 28284-byte MKV; qBittorrent
   * 4.5.2 listed it under this hash, and Python's hashlib over the info bytes agrees.
   */
  private static final String SAMPLE_HASH = "b7ad0055d7e4438403a40f066cd106481356e144";

  @Test
  void hashesTheInfoDictionaryOfARealTorrent() throws IOException {
    TorrentFile torrent = TorrentFile.parse(sample());

    assertThat(torrent.infoHash()).isEqualTo(SAMPLE_HASH);
    assertThat(torrent.name()).isEqualTo("Sample.Movie.2024");
    assertThat(torrent.totalSize()).isEqualTo(28284);
  }

  @Test
  void hashCoversTheInfoBytesAsFoundNotARecoding() throws Exception {
    // Unsorted keys and an unknown key: re-encoding canonically would change the hash.
    String info = "d6:pieces20:aaaaaaaaaaaaaaaaaaaa4:name4:film6:lengthi7e7:privatei1e1:x0:e";
    byte[] data = bytes("d8:announce5:x:1/a4:info" + info + "7:comment2:hie");

    TorrentFile torrent = TorrentFile.parse(data);

    byte[] expected = MessageDigest.getInstance("SHA-1").digest(bytes(info));
    assertThat(torrent.infoHash()).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(torrent.name()).isEqualTo("film");
    assertThat(torrent.totalSize()).isEqualTo(7);
  }

  @Test
  void prefersTheUtf8NameAndSumsMultiFileLengths() {
    Map<String, Object> info =
        Map.of(
            "name", ByteString.of((byte) 0xe9),
            "name.utf-8", "Amélie (2001)",
            "piece length", 262144L,
            "pieces", ByteString.of(new byte[20]),
            "files",
                List.of(
                    Map.of("length", 1000L, "path", List.of("a.mkv")),
                    Map.of("length", 24L, "path", List.of("a.nfo"))));

    TorrentFile torrent = TorrentFile.parse(BencodeWriter.encode(Map.of("info", info)));

    assertThat(torrent.name()).isEqualTo("Amélie (2001)");
    assertThat(torrent.totalSize()).isEqualTo(1024);
  }

  @Test
  void aTorrentWithoutNameIsNamedByItsHash() {
    byte[] data =
        BencodeWriter.encode(Map.of("info", Map.of("pieces", ByteString.of(new byte[20]))));

    TorrentFile torrent = TorrentFile.parse(data);

    assertThat(torrent.name()).isEqualTo(torrent.infoHash());
    assertThat(torrent.totalSize()).isZero();
  }

  @Test
  void ignoresBytesAfterTheRootDictionary() throws IOException {
    byte[] sample = sample();
    byte[] withNewline = Arrays.copyOf(sample, sample.length + 1);
    withNewline[sample.length] = '\n';

    assertThat(TorrentFile.parse(withNewline).infoHash()).isEqualTo(SAMPLE_HASH);
  }

  @Test
  void rejectsWhatIsNotAUsableV1Torrent() {
    assertInvalidRelease(() -> TorrentFile.parse(bytes("<!DOCTYPE html><html>Login</html>")));
    assertInvalidRelease(() -> TorrentFile.parse(bytes("li1ee")));
    assertInvalidRelease(() -> TorrentFile.parse(bytes("d8:announce3:urle")));
    assertInvalidRelease(() -> TorrentFile.parse(bytes("d4:info4:spame")));
    assertInvalidRelease(
        () ->
            TorrentFile.parse(
                BencodeWriter.encode(
                    Map.of(
                        "info",
                        Map.of(
                            "meta version",
                            2L,
                            "name",
                            "v2-only",
                            "file tree",
                            Map.of("a.mkv", Map.of("", Map.of("length", 1L))))))));
    assertInvalidRelease(() -> TorrentFile.parse(new byte[0]));
    assertInvalidRelease(() -> TorrentFile.parse(null));
  }

  @Test
  void everyTruncationOfARealTorrentIsAnInvalidRelease() throws IOException {
    byte[] sample = sample();
    for (int cut = 0; cut < sample.length; cut++) {
      byte[] truncated = Arrays.copyOf(sample, cut);
      assertInvalidRelease(() -> TorrentFile.parse(truncated));
    }
  }

  @Test
  void randomlyCorruptedTorrentsNeverEscapeAsAnotherException() throws IOException {
    byte[] sample = sample();
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      byte[] corrupted = sample.clone();
      corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
      assertReturnsOrInvalidRelease(() -> TorrentFile.parse(corrupted));
    }
  }

  private static byte[] sample() throws IOException {
    try (InputStream in = TorrentFileTest.class.getResourceAsStream("/torrent/sample.torrent")) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
