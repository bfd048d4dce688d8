package io.temporarr.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** Credentials and fixtures shared by the gateway's tests. */
public final class TestCredentials {
  public static final String SEERR = "Basic c2VlcnI6c2VlcnItdGVzdC1zZWNyZXQ=";
  public static final String QBITTORRENT = "qbt-test-token-3f9a1c";
  public static final String OPERATOR = "operator-test-token-8b2d4e";

  /** Signing secret of {@code /webhooks/events}, and the one it replaces (both configured). */
  public static final String EVENTS = "whsec_FqatMQCRniv9KNOgWLa0mkTelFHunIz1Saypo0Ct+2g=";

  public static final String EVENTS_PREVIOUS = "whsec_05uGzXCep8Cw1Oy2OjSuVDJlF9OHQSPIdLZmd3fTjiY=";

  public static final String SEERR_PROPERTY = "temporarr.gateway.seerr.authorization=" + SEERR;
  public static final String QBITTORRENT_PROPERTY =
      "temporarr.gateway.qbittorrent.token=" + QBITTORRENT;
  public static final String OPERATOR_PROPERTY = "temporarr.gateway.operator.token=" + OPERATOR;
  public static final String EVENTS_PROPERTY =
      "temporarr.gateway.events.secrets=" + EVENTS + "," + EVENTS_PREVIOUS;

  private TestCredentials() {}

  /** Season numbers {@code 0, 1, …, count-1} as a comma-separated list (oversized-input tests). */
  public static String seasonList(int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(Integer::toString)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** A fixture under {@code src/test/resources}. */
  public static String fixture(String path) {
    try {
      return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
