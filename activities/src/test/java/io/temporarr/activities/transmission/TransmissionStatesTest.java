package io.temporarr.activities.transmission;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.workflows.download.DownloadState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransmissionStatesTest {

  private static TransmissionTorrent torrent(
      int status, double percentDone, long left, boolean stalled, int error) {
    return new TransmissionTorrent(
        "h", "n", status, error, null, percentDone, left, stalled, "/d", List.of(), 0, 0);
  }

  @ParameterizedTest(name = "status {0}, {1} done, {2} left, stalled {3}, error {4} → {5}")
  @CsvSource({
    "0, 0.3, 10, false, 0, PAUSED",
    "0, 1.0, 0, false, 0, COMPLETED",
    "1, 0.3, 10, false, 0, QUEUED",
    "2, 1.0, 0, false, 0, COMPLETED",
    "2, 0.3, 10, false, 0, QUEUED",
    "3, 0.0, 10, false, 0, QUEUED",
    "4, 0.3, 10, false, 0, DOWNLOADING",
    "4, 0.3, 10, true, 0, STALLED",
    "4, 0.3, 10, false, 1, DOWNLOADING",
    "4, 0.3, 10, true, 2, STALLED",
    "4, 0.3, 10, false, 3, FAILED",
    "6, 1.0, 0, false, 3, FAILED",
    "5, 1.0, 0, false, 0, COMPLETED",
    "6, 1.0, 0, true, 0, COMPLETED",
    "4, 0.0, 0, false, 0, DOWNLOADING",
    "7, 0.3, 10, false, 0, QUEUED",
  })
  void mapsStatusErrorAndStall(
      int status,
      double percentDone,
      long left,
      boolean stalled,
      int error,
      DownloadState expected) {
    assertThat(
            TransmissionStates.toDownloadState(torrent(status, percentDone, left, stalled, error)))
        .isEqualTo(expected);
  }

  @Test
  void namesStatusesAsTransmissionDoes() {
    assertThat(TransmissionStates.name(0)).isEqualTo("stopped");
    assertThat(TransmissionStates.name(4)).isEqualTo("downloading");
    assertThat(TransmissionStates.name(6)).isEqualTo("seeding");
    assertThat(TransmissionStates.name(9)).isEqualTo("status 9");
    assertThat(TransmissionStates.name(-1)).isEqualTo("status -1");
  }
}
