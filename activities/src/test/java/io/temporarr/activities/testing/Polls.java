package io.temporarr.activities.testing;

import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.ArrayList;
import java.util.List;

/** Download polls as the monitor makes them, for download-client tests. */
public final class Polls {

  private Polls() {}

  /** {@code count} polls of {@code client}, each continuing from the previous one's cursor. */
  public static List<DownloadChanges> inTurn(
      DownloadActivities activities, String client, long cursor, int count) {
    List<DownloadChanges> polls = new ArrayList<>();
    long next = cursor;
    for (int i = 0; i < count; i++) {
      DownloadChanges changes = activities.pollDownloads(client, next);
      polls.add(changes);
      next = changes.cursor();
    }
    return polls;
  }

  /** The ids of every snapshot the polls handed out, in order, repeats included. */
  public static List<String> handedOut(List<DownloadChanges> polls) {
    return polls.stream()
        .flatMap(changes -> changes.changed().stream())
        .map(DownloadStatus::id)
        .toList();
  }
}
