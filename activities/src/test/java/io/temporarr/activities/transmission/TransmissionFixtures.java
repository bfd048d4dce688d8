package io.temporarr.activities.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Transmission RPC answers as transmission-daemon 3.00 sends them (recorded into
 * src/test/resources/transmission), and request decoding.
 */
final class TransmissionFixtures {

  static final String MOVIE_HASH = "b7ad0055d7e4438403a40f066cd106481356e144";
  static final String SHOW_HASH = "2a1f7e3c9d8b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
  static final String UNLABELLED_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TransmissionFixtures() {}

  /** A 200 answer with a recorded body from src/test/resources/transmission/. */
  static MockResponse fixture(String name) {
    return json(resource("/transmission/" + name));
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body)
        .build();
  }

  /** The CSRF answer: 409 with the session id to use from now on. */
  static MockResponse conflict(String sessionId) {
    return new MockResponse.Builder()
        .code(409)
        .setHeader(TransmissionClient.SESSION_HEADER, sessionId)
        .setHeader("Content-Type", "text/html; charset=ISO-8859-1")
        .body("<h1>409: Conflict</h1><p>Your request had an invalid session-id header.</p>")
        .build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** One {@code torrent-get} answer listing these torrent objects. */
  static MockResponse torrents(String... torrents) {
    return json(
        "{\"arguments\":{\"torrents\":["
            + String.join(",", torrents)
            + "]},\"result\":\"success\"}");
  }

  /** A torrent object with the fields Temporarr asks for. */
  static String torrent(
      String hash, int status, double percentDone, long left, String labels, double ratio) {
    return "{\"downloadDir\":\"/downloads\",\"error\":0,\"errorString\":\"\",\"hashString\":\""
        + hash
        + "\",\"isStalled\":false,\"labels\":["
        + labels
        + "],\"leftUntilDone\":"
        + left
        + ",\"name\":\"T-"
        + hash.substring(0, 4)
        + "\",\"percentDone\":"
        + percentDone
        + ",\"secondsSeeding\":600,\"status\":"
        + status
        + ",\"uploadRatio\":"
        + ratio
        + "}";
  }

  /** The JSON body of an RPC request. */
  static JsonNode rpc(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String path) {
    try (InputStream in = TransmissionFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
