package io.temporarr.activities.qbittorrent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Canned qBittorrent answers (from src/test/resources/qbittorrent) and request decoding. */
final class QbittorrentFixtures {

  static final String MOVIE_HASH = "b7ad0055d7e4438403a40f066cd106481356e144";
  static final String SHOW_HASH = "2a1f7e3c9d8b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
  static final String UNTAGGED_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
  static final String NEW_HASH = "0123456789abcdef0123456789abcdef01234567";

  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final Pattern CONTENT_TYPE = Pattern.compile("(?i)Content-Type: ([^\r\n]*)");

  private QbittorrentFixtures() {}

  /** One field of a multipart/form-data body. */
  record Part(String fileName, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  static String resource(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String path) {
    try (InputStream in = QbittorrentFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 200 answer with a fixture from src/test/resources/qbittorrent/ as its body. */
  static MockResponse fixture(String name) {
    String contentType = name.endsWith(".json") ? "application/json" : "text/plain; charset=UTF-8";
    return new MockResponse.Builder()
        .setHeader("Content-Type", contentType)
        .body(resource("/qbittorrent/" + name))
        .build();
  }

  static MockResponse text(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "text/plain; charset=UTF-8")
        .body(body)
        .build();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** A successful login as qBittorrent answers it, setting the named session cookie. */
  static MockResponse loginOk(String cookie) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "text/plain; charset=UTF-8")
        .addHeader("Set-Cookie", cookie + "; HttpOnly; path=/; SameSite=Strict")
        .body("Ok.")
        .build();
  }

  /** Decodes an application/x-www-form-urlencoded body. */
  static Map<String, String> form(RecordedRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  /** Decodes a multipart/form-data body, byte-exact (file parts are binary). */
  static Map<String, Part> multipart(RecordedRequest request) {
    String contentType = request.getHeaders().get("Content-Type");
    String boundary =
        contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    String body = new String(request.getBody().toByteArray(), StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    for (String chunk : body.split(Pattern.quote("--" + boundary))) {
      int headersEnd = chunk.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue; // the preamble and the closing "--"
      }
      String headers = chunk.substring(0, headersEnd);
      String content = chunk.substring(headersEnd + 4, chunk.length() - 2);
      Matcher name = NAME.matcher(headers);
      Matcher fileName = FILE_NAME.matcher(headers);
      Matcher type = CONTENT_TYPE.matcher(headers);
      name.find();
      parts.put(
          name.group(1),
          new Part(
              fileName.find() ? fileName.group(1) : null,
              type.find() ? type.group(1) : null,
              content.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }
}
