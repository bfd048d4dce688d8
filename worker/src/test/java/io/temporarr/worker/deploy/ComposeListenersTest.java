package io.temporarr.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml publishes nothing without authentication beyond this machine: not Temporal's
 * gRPC port, and the Web UI, Prometheus and Grafana on 127.0.0.1 only; the worker and the gateway,
 * which listen on loopback by default, listen on their container network. scripts/check-compose
 * enforces the same rule on the resolved file.
 */
class ComposeListenersTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

  /** Published beyond this machine on purpose (docs/security.md). */
  private static final Set<String> PUBLIC =
      Set.of("gateway 8080", "qbittorrent 6881", "prowlarr 9696", "jellyfin 8096");

  @Test
  void onlyAuthenticatedServicesArePublishedBeyondThisMachine() throws IOException {
    Map<String, Map<String, Object>> services = services();

    assertThat(services.get("temporal")).doesNotContainKey("ports");
    services.forEach(
        (name, service) -> {
          for (Object entry : ports(service)) {
            String port = entry.toString();
            String[] parts = port.split("/")[0].split(":");
            String target = parts[parts.length - 1];
            assertThat(target).as("%s publishes %s", name, port).isNotEqualTo("7233");
            if (!PUBLIC.contains(name + " " + target)) {
              assertThat(port).as("%s publishes %s", name, port).startsWith("127.0.0.1:");
            }
          }
        });
    assertThat(ports(services.get("temporal-ui"))).containsExactly("127.0.0.1:8233:8080");
    assertThat(ports(services.get("grafana"))).containsExactly("127.0.0.1:3000:3000");
  }

  @Test
  void theWorkerAndTheGatewayListenOnTheirContainerNetwork() throws IOException {
    Map<String, Map<String, Object>> services = services();

    for (String name : List.of("worker", "gateway")) {
      assertThat(services.get(name).get("environment"))
          .as(name)
          .asInstanceOf(
              org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
          .containsEntry("SERVER_ADDRESS", "0.0.0.0");
    }
    assertThat(services.get("worker")).doesNotContainKey("ports");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    try (Reader reader = Files.newBufferedReader(COMPOSE)) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> ports(Map<String, Object> service) {
    return (List<Object>) service.getOrDefault("ports", List.of());
  }
}
