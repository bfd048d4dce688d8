package io.temporarr.activities.torrent;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.ByteString;

/**
 * A minimal bencode (BEP 3) decoder: integers become {@link Long}, byte strings {@link ByteString}
 * (binary-safe: {@code pieces} is raw SHA-1 bytes), lists {@link List}, dictionaries {@link Map}
 * with UTF-8 keys in file order.
 *
 * <p>Strict where the format is strict (no leading zeros, no {@code -0}, lengths within the input)
 * and bounded (nesting depth), so hostile input ends in {@code InvalidRelease}, never in an
 * out-of-bounds index, an overflow or a stack overflow.
 */
public final class Bencode {

  /** libtorrent's own default nesting limit; real torrents use fewer than ten levels. */
  static final int MAX_DEPTH = 100;

  private Bencode() {}

  /**
   * Decodes exactly one value that spans the whole input.
   *
   * @throws ApplicationFailure {@code InvalidRelease} (non-retryable) for malformed input or
   *     trailing bytes
   */
  public static Object decode(byte[] data) {
    Reader reader = new Reader(data);
    Object value = reader.readValue();
    if (reader.position() != data.length) {
      throw InvalidRelease.because("bencode: trailing bytes after the value");
    }
    return value;
  }

  /**
   * Reads values one at a time and tells where each ended, so a caller can hash the exact bytes of
   * one of them (the {@code info} dictionary).
   */
  static final class Reader {
    private final byte[] data;
    private int pos;
    private int depth;

    Reader(byte[] data) {
      if (data == null) {
        throw InvalidRelease.because("bencode: no data");
      }
      this.data = data;
    }

    int position() {
      return pos;
    }

    Object readValue() {
      byte b = peek();
      if (b == 'i') {
        return readInteger();
      }
      if (b == 'l') {
        return readList();
      }
      if (b == 'd') {
        return readDictionary();
      }
      if (b >= '0' && b <= '9') {
        return readString();
      }
      throw malformed("unexpected byte " + (b & 0xff));
    }

    /** Consumes the {@code d} that opens a dictionary. */
    void beginDictionary() {
      if (peek() != 'd') {
        throw malformed("expected a dictionary");
      }
      pos++;
    }

    /** True (and consumed) when the current container closes here. */
    boolean endOfContainer() {
      if (peek() == 'e') {
        pos++;
        return true;
      }
      return false;
    }

    String readKey() {
      if (peek() < '0' || peek() > '9') {
        throw malformed("dictionary key is not a string");
      }
      return readString().string(StandardCharsets.UTF_8);
    }

    private long readInteger() {
      pos++; // 'i'
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      int digitsStart = pos;
      while (peek() != 'e') {
        byte b = data[pos];
        if (b < '0' || b > '9') {
          throw malformed("integer holds a non-digit");
        }
        pos++;
      }
      int digits = pos - digitsStart;
      if (digits == 0
          || (data[digitsStart] == '0' && (digits > 1 || digitsStart > start))
          || digits > 19) {
        throw malformed("integer is empty, has a leading zero, is -0 or is too long");
      }
      String text = new String(data, start, pos - start, StandardCharsets.US_ASCII);
      pos++; // 'e'
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw malformed("integer out of range");
      }
    }

    private ByteString readString() {
      long length = 0;
      int lengthStart = pos;
      while (peek() != ':') {
        byte b = data[pos];
        if (b < '0' || b > '9') {
          throw malformed("string length holds a non-digit");
        }
        length = length * 10 + (b - '0');
        if (length > data.length) {
          throw malformed("string longer than the input");
        }
        pos++;
      }
      if (data[lengthStart] == '0' && pos - lengthStart > 1) {
        throw malformed("string length has a leading zero");
      }
      pos++; // ':'
      if (length > data.length - pos) {
        throw malformed("string longer than the input");
      }
      ByteString value = ByteString.of(data, pos, (int) length);
      pos += (int) length;
      return value;
    }

    private List<Object> readList() {
      enter();
      pos++; // 'l'
      List<Object> list = new ArrayList<>();
      while (!endOfContainer()) {
        list.add(readValue());
      }
      depth--;
      return list;
    }

    private Map<String, Object> readDictionary() {
      enter();
      beginDictionary();
      Map<String, Object> map = new LinkedHashMap<>();
      while (!endOfContainer()) {
        String key = readKey();
        map.put(key, readValue());
      }
      depth--;
      return map;
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw malformed("nested deeper than " + MAX_DEPTH);
      }
    }

    private byte peek() {
      if (pos >= data.length) {
        throw malformed("truncated");
      }
      return data[pos];
    }

    private ApplicationFailure malformed(String detail) {
      return InvalidRelease.because("bencode: " + detail + " at byte " + pos);
    }
  }
}
