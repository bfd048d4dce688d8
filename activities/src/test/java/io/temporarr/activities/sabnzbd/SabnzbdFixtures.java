package io.temporarr.activities.sabnzbd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** SABnzbd answers as SABnzbd 4.x sends them. */
final class SabnzbdFixtures {

  static final String API_KEY = "0f8e3c2a9b7d4e6f1a2b3c4d5e6f7a8b";

  private SabnzbdFixtures() {}

  static MockResponse fixture(String name) {
    try (InputStream in = SabnzbdFixtures.class.getResourceAsStream("/sabnzbd/" + name)) {
      return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json;charset=UTF-8")
        .body(body)
        .build();
  }

  static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/html;charset=utf-8")
        .body(body)
        .build();
  }

  static MockResponse emptyQueue() {
    return json(
        "{\"queue\":{\"version\":\"4.5.1\",\"paused\":false,\"noofslots_total\":0,"
            + "\"noofslots\":0,\"status\":\"Idle\",\"slots\":[]}}");
  }

  static MockResponse emptyHistory() {
    return json(
        "{\"history\":{\"noofslots\":0,\"ppslots\":0,\"last_history_update\":1,"
            + "\"version\":\"4.5.1\",\"slots\":[]}}");
  }

  static MockResponse ok() {
    return json("{\"status\": true}");
  }
}
