package io.temporarr.activities.torrent;

import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A magnet URI reduced to what a download client needs: the v1 infohash (BEP 9 {@code
 * xt=urn:btih:}), the display name ({@code dn}) and the trackers ({@code tr}).
 *
 * @param infoHash lower-case hex v1 infohash (40 characters)
 * @param displayName {@code dn}, or null
 * @param trackers {@code tr} values in order
 */
public record Magnet(String infoHash, String displayName, List<String> trackers) {

  private static final String PREFIX = "magnet:?";
  private static final String BTIH = "urn:btih:";
  private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern BASE32_HASH = Pattern.compile("[A-Za-z2-7]{32}");
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  public Magnet {
    infoHash = normalizeInfoHash(infoHash);
    trackers = trackers == null ? List.of() : List.copyOf(trackers);
  }

  /** True when the text is a magnet URI (the scheme is case-insensitive). */
  public static boolean isMagnet(String uri) {
    return uri != null && uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Parses a magnet URI. Repeated and numbered parameters ({@code tr.1}, {@code xt.2}) are read;
   * unknown ones are ignored.
   *
   * @throws ApplicationFailure {@code InvalidRelease} (non-retryable) when it is not a magnet URI,
   *     has no v1 infohash (a v2-only {@code urn:btmh:} magnet), names two different v1 hashes, or
   *     holds a malformed hash or percent escape
   */
  public static Magnet parse(String uri) {
    if (!isMagnet(uri)) {
      throw InvalidRelease.because("not a magnet URI");
    }
    String hash = null;
    String name = null;
    List<String> trackers = new ArrayList<>();
    for (String parameter : uri.substring(PREFIX.length()).split("&")) {
      int eq = parameter.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = baseKey(parameter.substring(0, eq));
      String value = decode(parameter.substring(eq + 1));
      switch (key) {
        case "xt" -> {
          if (value.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
            String candidate = normalizeInfoHash(value.substring(BTIH.length()));
            if (hash != null && !hash.equals(candidate)) {
              throw InvalidRelease.because("magnet names two different infohashes");
            }
            hash = candidate;
          }
        }
        case "dn" -> name = value;
        case "tr" -> trackers.add(value);
        default -> {
          // ws, xl, so, x.pe …: the client reads them from the URI itself.
        }
      }
    }
    if (hash == null) {
      throw InvalidRelease.because("magnet has no v1 infohash (xt=urn:btih:)");
    }
    return new Magnet(hash, name, trackers);
  }

  /**
   * A v1 infohash as lower-case hex: accepts 40 hex digits or the 32-character base32 form older
   * magnets use.
   *
   * @throws ApplicationFailure {@code InvalidRelease} (non-retryable) for anything else
   */
  public static String normalizeInfoHash(String hash) {
    if (hash != null && HEX_HASH.matcher(hash).matches()) {
      return hash.toLowerCase(Locale.ROOT);
    }
    if (hash != null && BASE32_HASH.matcher(hash).matches()) {
      return HexFormat.of().formatHex(base32(hash.toUpperCase(Locale.ROOT)));
    }
    throw InvalidRelease.because("infohash is neither 40 hex digits nor 32 base32 characters");
  }

  /** The magnet URI of this hash, name and trackers (hex hash, values percent-encoded). */
  public String toUri() {
    StringBuilder uri = new StringBuilder(PREFIX).append("xt=").append(BTIH).append(infoHash);
    if (displayName != null) {
      uri.append("&dn=").append(encode(displayName));
    }
    for (String tracker : trackers) {
      uri.append("&tr=").append(encode(tracker));
    }
    return uri.toString();
  }

  // "tr.1" → "tr": BEP 9 numbers repeated parameters that way.
  private static String baseKey(String key) {
    int dot = key.indexOf('.');
    return (dot < 0 ? key : key.substring(0, dot)).toLowerCase(Locale.ROOT);
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw InvalidRelease.because("magnet holds a malformed percent escape");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // RFC 4648 base32 without padding; the pattern check guarantees 32 valid characters = 20 bytes.
  private static byte[] base32(String text) {
    byte[] out = new byte[20];
    long buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < text.length(); i++) {
      buffer = (buffer << 5) | BASE32.indexOf(text.charAt(i));
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[index++] = (byte) (buffer >> bits);
      }
    }
    return out;
  }
}
