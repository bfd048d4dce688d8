package io.temporarr.activities.torznab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the recorded indexer answers under {@code src/test/resources/torznab/}. */
final class Feeds {
  private Feeds() {}

  static String read(String name) {
    try (InputStream in = Feeds.class.getResourceAsStream("/torznab/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture torznab/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
