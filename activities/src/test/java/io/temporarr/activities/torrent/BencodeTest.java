package io.temporarr.activities.torrent;

import static io.temporarr.activities.torrent.TorrentAssertions.assertInvalidRelease;
import static io.temporarr.activities.torrent.TorrentAssertions.assertReturnsOrInvalidRelease;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

  @Test
  void decodesEveryTypeKeepingDictionaryOrderAndBinaryStrings() {
    byte[] data = bytes("d4:spaml1:a1:bi-42ee3:bin3:\u0000\u00ff\u00014:zero0:1:ai0ee");

    Object value = Bencode.decode(data);

    assertThat(value).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map.keySet()).containsExactly("spam", "bin", "zero", "a");
    assertThat(map.get("spam"))
        .isEqualTo(List.of(ByteString.encodeUtf8("a"), ByteString.encodeUtf8("b"), -42L));
    assertThat(map.get("bin")).isEqualTo(ByteString.of((byte) 0, (byte) 0xff, (byte) 1));
    assertThat(map.get("zero")).isEqualTo(ByteString.EMPTY);
    assertThat(map.get("a")).isEqualTo(0L);
  }

  @Test
  void decodesTheExtremesOfALong() {
    assertThat(Bencode.decode(bytes("i9223372036854775807e"))).isEqualTo(Long.MAX_VALUE);
    assertThat(Bencode.decode(bytes("i-9223372036854775808e"))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void randomStructuresRoundTrip() {
    Random random = new Random(2024);
    for (int i = 0; i < 500; i++) {
      Object value = randomValue(random, 0);

      assertThat(Bencode.decode(BencodeWriter.encode(value))).isEqualTo(value);
    }
  }

  @Test
  void nestingUpToTheLimitIsFineAndBeyondItIsRejected() {
    int limit = Bencode.MAX_DEPTH;
    assertThat(Bencode.decode(bytes("l".repeat(limit) + "e".repeat(limit)))).isNotNull();
    assertInvalidRelease(
        () -> Bencode.decode(bytes("l".repeat(limit + 1) + "e".repeat(limit + 1))));
    assertInvalidRelease(() -> Bencode.decode(bytes("l".repeat(100_000))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "i",
        "ie",
        "i-e",
        "i-0e",
        "i03e",
        "i1-2e",
        "i12",
        "i99999999999999999999e",
        "i9223372036854775808e",
        "5:abc",
        "01:a",
        "1a:",
        "99999999999999999999:x",
        "l",
        "li1e",
        "d",
        "d3:key",
        "d3:keye",
        "di1ei2ee",
        "x",
        "-1:a",
        "i1ei2e",
        "le1",
      })
  void malformedInputIsAnInvalidRelease(String input) {
    assertInvalidRelease(() -> Bencode.decode(bytes(input)));
  }

  @Test
  void nullIsAnInvalidRelease() {
    assertInvalidRelease(() -> Bencode.decode(null));
  }

  @Test
  void truncatedAndMutatedEncodingsNeverEscapeAsAnotherException() {
    Random random = new Random(99);
    for (int i = 0; i < 300; i++) {
      byte[] valid = BencodeWriter.encode(randomValue(random, 0));
      for (int cut = 0; cut < valid.length; cut++) {
        byte[] truncated = Arrays.copyOf(valid, cut);
        assertInvalidRelease(() -> Bencode.decode(truncated));
      }
      byte[] mutated = valid.clone();
      for (int flips = 0; flips < 3; flips++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      assertReturnsOrInvalidRelease(() -> Bencode.decode(mutated));
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 2 : 4);
    switch (kind) {
      case 0:
        return random.nextLong() >> random.nextInt(64);
      case 1:
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        return ByteString.of(bytes);
      case 2:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      default:
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put("k" + random.nextInt(1000), randomValue(random, depth + 1));
        }
        return map;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
