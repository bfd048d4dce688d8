package io.temporarr.activities.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okio.ByteString;

/** Test-only bencode encoder: canonical output (dictionary keys sorted) for round trips. */
final class BencodeWriter {

  private BencodeWriter() {}

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof Long number) {
      out.writeBytes(("i" + number + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof Integer number) {
      write(out, number.longValue());
    } else if (value instanceof String text) {
      write(out, ByteString.encodeUtf8(text));
    } else if (value instanceof ByteString bytes) {
      out.writeBytes((bytes.size() + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes.toByteArray());
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(item -> write(out, item));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      new TreeMap<>(map)
          .forEach(
              (key, item) -> {
                write(out, key);
                write(out, item);
              });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value);
    }
  }
}
