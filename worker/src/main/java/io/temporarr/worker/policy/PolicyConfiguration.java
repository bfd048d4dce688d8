package io.temporarr.worker.policy;

import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.worker.integrations.DownloadClientProperties;
import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.search.Protocol;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code RequestPolicy} local activity, after checking that the policy names only download
 * clients and notifiers that are configured (a typo would otherwise surface as a failed request).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestProperties.class)
public class PolicyConfiguration {

  @Bean(WorkerRegistration.POLICY_ACTIVITIES)
  ConfiguredPolicyActivities policyActivities(
      RequestProperties requests, IntegrationProperties integrations) {
    Set<String> clients = integrations.downloadClients().keySet();
    if (!clients.contains(requests.downloadClient())) {
      throw new InvalidConfigurationException(
          "temporarr.requests.download-client",
          "names '" + requests.downloadClient() + "', which is not configured",
          clients.isEmpty()
              ? "Configure a client under temporarr.download-clients.<name> (base-url, …) and"
                  + " name it here."
              : "Use one of " + clients + " or add it under temporarr.download-clients.");
    }
    Set<String> notifiers = integrations.notifiers().keySet();
    List<String> unknown =
        requests.notifiers().stream().filter(name -> !notifiers.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidConfigurationException(
          "temporarr.requests.notifiers",
          "names " + unknown + ", which temporarr.notifiers does not define",
          "Use names from "
              + notifiers
              + " or add a notifier with that name to temporarr.notifiers.");
    }
    return new ConfiguredPolicyActivities(requests, clientsByProtocol(requests, integrations));
  }

  /**
   * Each protocol goes to {@code temporarr.requests.download-client} when that client downloads it,
   * else to the first configured client that does (a usenet release to SABnzbd, a torrent to
   * qBittorrent or Transmission).
   */
  static Map<Protocol, String> clientsByProtocol(
      RequestProperties requests, IntegrationProperties integrations) {
    Map<Protocol, String> byProtocol = new EnumMap<>(Protocol.class);
    DownloadClientProperties preferred =
        integrations.downloadClients().get(requests.downloadClient());
    if (preferred != null) {
      byProtocol.put(preferred.type().protocol(), requests.downloadClient());
    }
    integrations
        .downloadClients()
        .forEach((name, client) -> byProtocol.putIfAbsent(client.type().protocol(), name));
    return byProtocol;
  }
}
