package io.temporarr.activities.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.search.Release;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two requests sharing one download on a real client, each acting as the caller {@code caller}
 * names while it is its turn.
 */
public final class SharedDownloads {

  private SharedDownloads() {}

  /** A small torrent standing for one the user added to the client before any request. */
  public static TorrentPayload usersMovie(Path work) throws IOException, InterruptedException {
    return TorrentPayload.randomBytes(work, "Users.Own.Movie.2024", 1L << 20);
  }

  /** Adds the release for {@code first}, then for {@code second}: both get the same handle. */
  public static DownloadHandle addForBoth(
      DownloadActivities activities, String client, Release release, String first, String second) {
    DownloadHandle handle = activities.addDownload(new AddDownloadRequest(first, client, release));
    assertThat(activities.addDownload(new AddDownloadRequest(second, client, release)))
        .isEqualTo(handle);
    return handle;
  }

  /**
   * {@code first} is cancelled, then {@code second} imports the download and removes it again (a
   * retry, or a stall judged after the import).
   */
  public static void cancelThenImport(
      DownloadActivities activities,
      AtomicReference<String> caller,
      DownloadHandle handle,
      String first,
      String second) {
    caller.set(first);
    activities.removeDownload(handle, true);
    caller.set(second);
    activities.retireDownload(handle);
    activities.removeDownload(handle, true);
  }
}
