package io.temporarr.activities.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.workflows.download.DownloadState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QbittorrentStatesTest {

  @ParameterizedTest(name = "{0} at {1} with {2} left is {3}")
  @CsvSource({
    // Downloading, 4.x and 5.x names alike.
    "downloading,        0.4, 600, DOWNLOADING",
    "forcedDL,           0.4, 600, DOWNLOADING",
    // Fetching a magnet's metadata looks for peers: frozen there is a stall, not a queue.
    "metaDL,             0.0,   0, DOWNLOADING",
    "forcedMetaDL,       0.0,   0, DOWNLOADING",
    // Waiting for a slot, the disk or a recheck.
    "queuedDL,           0.4, 600, QUEUED",
    "checkingDL,         0.4, 600, QUEUED",
    "checkingResumeData, 0.4, 600, QUEUED",
    "allocating,         0.0, 999, QUEUED",
    "moving,             0.4, 600, QUEUED",
    "unknown,            0.4, 600, QUEUED",
    "someFutureState,    0.4, 600, QUEUED",
    "stalledDL,          0.4, 600, STALLED",
    "pausedDL,           0.4, 600, PAUSED",
    "stoppedDL,          0.4, 600, PAUSED",
    // Every *UP state means the wanted bytes are there.
    "uploading,          1.0,   0, COMPLETED",
    "stalledUP,          1.0,   0, COMPLETED",
    "queuedUP,           1.0,   0, COMPLETED",
    "forcedUP,           1.0,   0, COMPLETED",
    "checkingUP,         1.0,   0, COMPLETED",
    "pausedUP,           1.0,   0, COMPLETED",
    "stoppedUP,          1.0,   0, COMPLETED",
    "error,              0.4, 600, FAILED",
    "missingFiles,       0.4, 600, FAILED",
    // All bytes present wins over a downloading-side name …
    "checkingDL,         1.0,   0, COMPLETED",
    "moving,             1.0,   0, COMPLETED",
    "stoppedDL,          1.0,   0, COMPLETED",
    "stalledDL,          1.0,   0, COMPLETED",
    // … but not over files that went missing or an I/O error.
    "missingFiles,       1.0,   0, FAILED",
    "error,              1.0,   0, FAILED",
    // Progress rounds to 1.0 before the last bytes arrive: amount_left decides.
    "downloading,        1.0,  16, DOWNLOADING",
  })
  void mapsQbittorrentStates(String state, double progress, long left, DownloadState expected) {
    assertThat(QbittorrentStates.toDownloadState(state, progress, left)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0.4, 600, QUEUED", "1.0, 0, COMPLETED"})
  void aMissingStateNameIsUnknown(double progress, long left, DownloadState expected) {
    assertThat(QbittorrentStates.toDownloadState(null, progress, left)).isEqualTo(expected);
  }
}
