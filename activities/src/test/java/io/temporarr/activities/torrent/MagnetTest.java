package io.temporarr.activities.torrent;

import static io.temporarr.activities.torrent.TorrentAssertions.assertInvalidRelease;
import static io.temporarr.activities.torrent.TorrentAssertions.assertReturnsOrInvalidRelease;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagnetTest {

  private static final String HASH = "b7ad0055d7e4438403a40f066cd106481356e144";
  private static final String BASE32 = "W6WQAVOX4RBYIA5EB4DGZUIGJAJVNYKE";

  @Test
  void readsHashNameAndTrackers() {
    Magnet magnet =
        Magnet.parse(
            "magnet:?xt=urn:btih:B7AD0055D7E4438403A40F066CD106481356E144"
                + "&dn=Sample+Movie%20(2024)&tr=http%3A%2F%2F127.0.0.1%3A1%2Fannounce"
                + "&tr.1=udp%3A%2F%2Ftracker.example%3A6969&ws=http%3A%2F%2Fseed.example%2F");

    assertThat(magnet.infoHash()).isEqualTo(HASH);
    assertThat(magnet.displayName()).isEqualTo("Sample Movie (2024)");
    assertThat(magnet.trackers())
        .containsExactly("http://127.0.0.1:1/announce", "udp://tracker.example:6969");
  }

  @Test
  void base32HashBecomesLowerCaseHex() {
    assertThat(Magnet.parse("magnet:?xt=urn:btih:" + BASE32).infoHash()).isEqualTo(HASH);
    assertThat(Magnet.parse("MAGNET:?xt=urn:btih:" + BASE32.toLowerCase()).infoHash())
        .isEqualTo(HASH);
  }

  @Test
  void hybridMagnetIsReadByItsV1Hash() {
    Magnet magnet =
        Magnet.parse(
            "magnet:?xt=urn:btih:"
                + HASH
                + "&xt=urn:btmh:1220"
                + "d8dd32ac93357c368556af3ac1d95c9d76bd0dff6fa9833ecdac3d53134efabb"
                + "&xt.2=urn:btih:"
                + BASE32);

    assertThat(magnet.infoHash()).isEqualTo(HASH);
    assertThat(magnet.displayName()).isNull();
    assertThat(magnet.trackers()).isEmpty();
  }

  @Test
  void roundTripsThroughItsUriForRandomHashesNamesAndTrackers() {
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] hash = new byte[20];
      random.nextBytes(hash);
      String name = randomText(random);
      List<String> trackers = List.of("udp://t" + i + ".example:6969/announce?k=" + name);
      Magnet magnet = new Magnet(HexFormat.of().formatHex(hash), name, trackers);

      assertThat(Magnet.parse(magnet.toUri())).isEqualTo(magnet);
      assertThat(Magnet.normalizeInfoHash(base32(hash))).isEqualTo(magnet.infoHash());
      assertThat(Magnet.normalizeInfoHash(magnet.infoHash().toUpperCase()))
          .isEqualTo(magnet.infoHash());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "http://example.com/x.torrent",
        "magnet:",
        "magnet:?dn=no-hash",
        "magnet:?xt=urn:btmh:1220d8dd32ac93357c368556af3ac1d95c9d76bd0dff6fa9833ecdac3d53134efabb",
        "magnet:?xt=urn:btih:b7ad0055d7e4438403a40f066cd106481356e14",
        "magnet:?xt=urn:btih:b7ad0055d7e4438403a40f066cd106481356e1444",
        "magnet:?xt=urn:btih:g7ad0055d7e4438403a40f066cd106481356e144",
        "magnet:?xt=urn:btih:W6WQAVOX4RBYIA5EB4DGZUIGJAJVNYK1",
        "magnet:?xt=urn:btih:" + HASH + "&dn=%zz",
        "magnet:?xt=urn:btih:" + HASH + "&xt=urn:btih:0123456789abcdef0123456789abcdef01234567",
      })
  void malformedMagnetIsAnInvalidRelease(String uri) {
    assertInvalidRelease(() -> Magnet.parse(uri));
  }

  @Test
  void nullIsAnInvalidReleaseNotANullPointer() {
    assertInvalidRelease(() -> Magnet.parse(null));
    assertInvalidRelease(() -> Magnet.normalizeInfoHash(null));
    assertThat(Magnet.isMagnet(null)).isFalse();
  }

  @Test
  void randomGarbageAfterTheSchemeNeverEscapesAsAnotherException() {
    Random random = new Random(7);
    String alphabet = "xt=urn:btih:&%=?.0123456789abcdefABCDEFGHIJKLMNOPQRSTUVWXYZ234567+ ";
    for (int i = 0; i < 2000; i++) {
      StringBuilder uri = new StringBuilder("magnet:?");
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        uri.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertReturnsOrInvalidRelease(() -> Magnet.parse(uri.toString()));
    }
  }

  private static String randomText(Random random) {
    String alphabet = "abc XYZ.&=%+-_()[]éü日本";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1 + random.nextInt(20); i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  // RFC 4648 base32 (no padding), written independently of the parser's decoder.
  private static String base32(byte[] bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }
}
