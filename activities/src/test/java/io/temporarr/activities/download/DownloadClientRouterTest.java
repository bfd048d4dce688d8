package io.temporarr.activities.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadClientRouterTest {

  private final DownloadActivities torrents = mock(DownloadActivities.class);
  private final DownloadActivities usenet = mock(DownloadActivities.class);
  private final DownloadClientRouter router =
      new DownloadClientRouter(Map.of("qbittorrent", torrents, "sabnzbd", usenet));

  @Test
  void eachCallGoesToTheImplementationOfTheNamedClient() {
    DownloadHandle sab = new DownloadHandle("sabnzbd", "SABnzbd_nzo_1", "x");
    DownloadHandle qbt = new DownloadHandle("qbittorrent", "a".repeat(40), "y");
    AddDownloadRequest add = new AddDownloadRequest("media-request:seerr:1", "sabnzbd", null);
    when(usenet.addDownload(add)).thenReturn(sab);
    DownloadChanges changes = new DownloadChanges(3, true, List.of(), List.of());
    when(torrents.pollDownloads("qbittorrent", 2)).thenReturn(changes);
    when(torrents.removeSeeded("qbittorrent")).thenReturn(List.of(qbt.id()));

    assertThat(router.addDownload(add)).isEqualTo(sab);
    router.downloadStatus(sab);
    router.removeDownload(sab, true);
    router.retireDownload(qbt);
    assertThat(router.pollDownloads("qbittorrent", 2)).isEqualTo(changes);
    assertThat(router.removeSeeded("qbittorrent")).containsExactly(qbt.id());

    verify(usenet).downloadStatus(sab);
    verify(usenet).removeDownload(sab, true);
    verify(torrents).retireDownload(qbt);
  }

  @Test
  void unknownClientIsANonRetryableConfigurationErrorNamingTheConfiguredOnes() {
    assertThatThrownBy(() -> router.removeSeeded("transmission"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("'transmission'")
                  .contains("[qbittorrent, sabnzbd]");
            });
    assertThatThrownBy(() -> router.pollDownloads(null, 0)).isInstanceOf(ApplicationFailure.class);
    verifyNoInteractions(torrents, usenet);
  }

  @Test
  void seedingGoalsAreMetByWhicheverComesFirst() {
    SeedingGoals goals = new SeedingGoals(1.0, Duration.ofHours(72), true);
    assertThat(goals.hasGoal()).isTrue();
    assertThat(goals.met(0.99, Duration.ofHours(71))).isFalse();
    assertThat(goals.met(1.0, Duration.ofHours(1))).isTrue();
    assertThat(goals.met(0.1, Duration.ofHours(72))).isTrue();
    assertThat(goals.met(0.1, null)).isFalse();
    assertThat(SeedingGoals.KEEP.hasGoal()).isFalse();
    assertThat(SeedingGoals.KEEP.met(100, Duration.ofDays(365))).isFalse();
    assertThat(new SeedingGoals(null, Duration.ofHours(1), false).hasGoal()).isTrue();
    assertThatThrownBy(() -> new SeedingGoals(-1.0, null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio");
    assertThatThrownBy(() -> new SeedingGoals(Double.NaN, null, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SeedingGoals(null, Duration.ofSeconds(-1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seeding time");
  }
}
