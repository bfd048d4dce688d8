package io.temporarr.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.FailureReports;
import io.temporarr.worker.integrations.DownloadClientProperties;
import io.temporarr.worker.integrations.DownloadClientType;
import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.worker.integrations.IntegrationsConfiguration;
import io.temporarr.worker.integrations.SeedingProperties;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.search.Protocol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PolicyConfigurationTest {

  private final ApplicationContextRunner applicationYml =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(IntegrationsConfiguration.class, PolicyConfiguration.class);

  @Test
  void policyIsTheConfiguredRequestSettingsForMoviesAndTv() {
    applicationYml.run(
        context -> {
          PolicyActivities activities = context.getBean(PolicyActivities.class);
          RequestPolicy expected =
              new RequestPolicy(
                  "qbittorrent",
                  List.of("ntfy", "webhook"),
                  Duration.ofMinutes(2),
                  Duration.ofMinutes(5),
                  Duration.ofHours(1),
                  3,
                  Duration.ofDays(1),
                  true,
                  500,
                  Map.of(Protocol.TORRENT, "qbittorrent"),
                  Duration.ofDays(7));
          assertThat(activities.requestPolicy(MediaType.MOVIE)).isEqualTo(expected);
          assertThat(activities.requestPolicy(MediaType.TV)).isEqualTo(expected);
        });
  }

  @Test
  void eachProtocolGoesToTheRequestsClientOrTheFirstClientOfThatProtocol() {
    Map<String, DownloadClientProperties> clients = new LinkedHashMap<>();
    clients.put("sab", client(DownloadClientType.SABNZBD));
    clients.put("qbt", client(DownloadClientType.QBITTORRENT));
    clients.put("sab2", client(DownloadClientType.SABNZBD));
    clients.put("transmission", client(DownloadClientType.TRANSMISSION));
    IntegrationProperties integrations =
        new IntegrationProperties(null, null, clients, null, null, null, null, null);

    assertThat(PolicyConfiguration.clientsByProtocol(requests("transmission"), integrations))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Protocol.TORRENT, "transmission", Protocol.USENET, "sab"));
    assertThat(PolicyConfiguration.clientsByProtocol(requests("sab2"), integrations))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Protocol.TORRENT, "qbt", Protocol.USENET, "sab2"));
  }

  private static RequestProperties requests(String downloadClient) {
    return new RequestProperties(
        downloadClient,
        null,
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofDays(14),
        5,
        Duration.ofDays(7),
        false,
        500,
        Duration.ofDays(7));
  }

  private static DownloadClientProperties client(DownloadClientType type) {
    return new DownloadClientProperties(
        type,
        HttpUrl.get("http://127.0.0.1:1/"),
        null,
        null,
        null,
        null,
        null,
        Duration.ofSeconds(10),
        new SeedingProperties(null, null, null));
  }

  @Test
  void unsetValuesFallBackToProductionDefaults() {
    RequestPolicy policy =
        new ConfiguredPolicyActivities(
                new RequestProperties(
                    "qbittorrent",
                    null,
                    Duration.ofMinutes(30),
                    Duration.ofHours(1),
                    Duration.ofDays(14),
                    5,
                    Duration.ofDays(7),
                    false,
                    500,
                    Duration.ofDays(3)))
            .requestPolicy(null);
    assertThat(policy.notifiers()).isEmpty();
    assertThat(policy.downloadClient()).isEqualTo("qbittorrent");
    assertThat(policy.queuedTimeout()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void downloadClientThatIsNotConfiguredStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.requests.download-client=qbitorent")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains(
                      "temporarr.requests.download-client: names 'qbitorent', which is not"
                          + " configured")
                  .contains("Use one of [qbittorrent] or add it under temporarr.download-clients.");
            });
  }

  @Test
  void notifierThatIsNotConfiguredStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.requests.notifiers=ntfy,slack")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains(
                      "temporarr.requests.notifiers: names [slack], which temporarr.notifiers does"
                          + " not define")
                  .contains("Use names from [ntfy, webhook]");
            });
  }

  @Test
  void nonPositiveTimersAreRejected() {
    applicationYml
        .withPropertyValues(
            "temporarr.requests.stall-timeout=0s", "temporarr.requests.max-release-attempts=0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.requests.stallTimeout")
                  .contains("temporarr.requests.maxReleaseAttempts");
            });
  }
}
