package io.temporarr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.temporal.EmbeddedTemporalServer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default as shipped listens on loopback only: the embedded Temporal server (no
 * authentication) and the worker's port (detailed health, metrics, the sandbox simulators) accept
 * connections on 127.0.0.1 and refuse them on every other address of this machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability
@Timeout(120)
class ListenersTest {

  private static final Path SANDBOX = SandboxTestApp.temporaryFolder("temporarr-listeners-test");
  private static final int SERVER_PORT = SandboxTestApp.freePort();

  @DynamicPropertySource
  static void freePortsAndTemporaryFolders(DynamicPropertyRegistry registry) {
    SandboxTestApp.register(registry, SERVER_PORT, SANDBOX, "20s");
  }

  @Autowired EmbeddedTemporalServer temporal;

  @Test
  void theEmbeddedTemporalServerListensOnLoopbackOnly() {
    assertThat(temporal.listenAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(LocalAddresses.accepts(InetAddress.getLoopbackAddress(), temporal.port())).isTrue();
    for (InetAddress address : LocalAddresses.nonLoopback()) {
      assertThat(LocalAddresses.accepts(address, temporal.port())).as("%s", address).isFalse();
    }
  }

  @Test
  void theWorkersPortWithHealthMetricsAndTheSandboxListensOnLoopbackOnly() throws Exception {
    HttpURLConnection metrics =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + SERVER_PORT + "/actuator/prometheus")
                .toURL()
                .openConnection();
    assertThat(metrics.getResponseCode()).isEqualTo(200);
    metrics.disconnect();
    for (InetAddress address : LocalAddresses.nonLoopback()) {
      assertThat(LocalAddresses.accepts(address, SERVER_PORT)).as("%s", address).isFalse();
    }
  }
}
