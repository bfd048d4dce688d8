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

  public static final String SEERR_PROPERTY = "temporarr.gateway.seerr.authorization=" + SEERR;
  public static final String QBITTORRENT_PROPERTY =
      "temporarr.gateway.qbittorrent.token=" + QBITTORRENT;
  public static final String OPERATOR_PROPERTY = "temporarr.gateway.operator.token=" + OPERATOR;

  private TestCredentials() {}

  /** A fixture under {@code src/test/resources}. */
  public static String fixture(String path) {
    try {
      return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
