package io.temporarr.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.worker.integrations.PlexProperties;
import io.temporarr.worker.integrations.Secret;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class IntegrationsHealthConfigurationTest {

  @Test
  void aConfiguredPlexIsProbedUnderItsKey() {
    HttpUrl plex = HttpUrl.get("http://plex:32400/");
    IntegrationProperties integrations =
        new IntegrationProperties(
            null, null, null, null, null, null, null, new PlexProperties(plex, new Secret("t")));

    assertThat(IntegrationsHealthConfiguration.endpoints(integrations))
        .containsExactly(new IntegrationEndpoint("temporarr.plex", plex));
  }

  @Test
  void plexWithoutAUrlIsNotProbed() {
    IntegrationProperties integrations =
        new IntegrationProperties(
            null, null, null, null, null, null, null, new PlexProperties(null, null));

    assertThat(IntegrationsHealthConfiguration.endpoints(integrations)).isEmpty();
  }
}
