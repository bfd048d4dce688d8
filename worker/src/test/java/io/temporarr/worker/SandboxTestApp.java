package io.temporarr.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The embedded sandbox worker of the application-level tests, on free ports and temporary folders.
 */
public final class SandboxTestApp {
  private SandboxTestApp() {}

  /**
   * Server port, embedded Temporal on a free port, downloads and library under {@code sandbox}. The
   * port is chosen by the caller once: a supplier runs on every read of the property.
   */
  public static void register(
      DynamicPropertyRegistry registry, int serverPort, Path sandbox, String downloadDuration) {
    registry.add("server.port", () -> serverPort);
    registry.add("temporarr.temporal.embedded.port", () -> 0);
    registry.add("temporarr.sandbox.downloads-dir", () -> sandbox.resolve("downloads").toString());
    registry.add("temporarr.sandbox.download-duration", () -> downloadDuration);
    registry.add(
        "temporarr.processing.library.movies", () -> sandbox.resolve("library/movies").toString());
    registry.add("temporarr.processing.library.tv", () -> sandbox.resolve("library/tv").toString());
  }

  public static Path temporaryFolder(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
