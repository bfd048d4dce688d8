package io.temporarr.activities.transmission;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.TorrentHandles;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.activities.torrent.TorrentSources;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@link DownloadActivities} on one or more Transmission instances, addressed by client name. The
 * request workflow ID is stored as a Transmission label.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: Transmission itself answers {@code torrent-duplicate} for an infohash
 *       it already has, so a retry or the same release requested twice never adds a second copy;
 *       the workflow label is added to the labels already there, never duplicated.
 *   <li>{@code downloadStatus}: read-only.
 *   <li>{@code removeDownload}: removing a hash Transmission does not know succeeds.
 *   <li>{@code pollDownloads}: read-only on the client. Every poll is one {@code torrent-get} of
 *       all torrents: {@code ids: "recently-active"} would report removals by Transmission's
 *       session-local numeric ids and forgets changes older than its own 60 s window, so a slower
 *       poll interval could miss a change. The activity keeps, per client, the snapshot it handed
 *       out last per torrent and hands out only those that changed or are new, at most {@value
 *       PollPages#MAX_CHANGES_PER_POLL} per result, oldest waiting first; the others wait for the
 *       next polls that continue from the cursor. It only continues from the cursor this instance
 *       handed out last; any other cursor (a retry after a lost result, a restarted worker, another
 *       worker's cursor) starts over with every torrent, so a replayed poll can repeat snapshots
 *       but never lose one. {@code removed} lists the hashes this worker saw in its previous poll
 *       of the client that are gone now.
 *   <li>{@code retireDownload}: with a seeding goal it adds the label {@value
 *       SeedingGoals#IMPORTED_MARK} (once); without a goal but with {@code removeImported} it
 *       removes the torrent with its data (the library holds its own hardlink or copy); otherwise
 *       it makes no call.
 *   <li>{@code removeSeeded}: lists every torrent and removes, with their data, those labelled
 *       {@value SeedingGoals#IMPORTED_MARK} whose {@code uploadRatio} or {@code secondsSeeding}
 *       reached a goal. Without goals (or with {@code removeImported} off) no call.
 * </ul>
 *
 * <p>{@code pollDownloads} reports only torrents labelled with a request workflow ID ({@code
 * media-request:…}). Removed hashes are reported whoever owned them.
 */
public class TransmissionDownloadActivities implements DownloadActivities {

  private final Map<String, TransmissionClient> clients;
  private final TorrentSources sources;
  private PollPages pages = new PollPages();

  /**
   * @param clients configured Transmission instances by client name
   * @param http the shared client, used to fetch .torrent links
   * @param credentials puts indexer API keys back into redacted .torrent links
   */
  public TransmissionDownloadActivities(
      Map<String, TransmissionClient> clients, OkHttpClient http, LinkCredentials credentials) {
    this.clients = Map.copyOf(clients);
    this.sources = new TorrentSources(http, credentials);
  }

  /** The same activities answering at most {@code max} snapshots per poll (tests). */
  TransmissionDownloadActivities withMaxChangesPerPoll(int max) {
    this.pages = new PollPages(max);
    return this;
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    if (request == null || request.workflowId() == null || request.workflowId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "addDownload needs a workflow ID to label the download with", ErrorTypes.BAD_REQUEST);
    }
    TransmissionClient client = client(request.client());
    TorrentSource source = sources.resolve(request.release(), "Transmission");
    client.requireLabels();
    TransmissionClient.Added added = client.add(source);
    if (added.duplicate()) {
      addLabel(client, added.hash(), request.workflowId());
    } else {
      // A new torrent has no labels yet (torrent-add takes labels only from RPC 17 on).
      client.setLabels(List.of(added.hash()), List.of(request.workflowId()));
    }
    String name = added.name() != null ? added.name() : source.name();
    return new DownloadHandle(request.client(), added.hash(), name);
  }

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    TransmissionClient client = client(handle.client());
    return TorrentHandles.statusOf(
        handle,
        "Transmission",
        hash ->
            client.get(List.of(hash)).stream()
                .filter(torrent -> torrent.hash().equals(hash))
                .findFirst()
                .map(torrent -> status(handle.client(), torrent)));
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    TransmissionClient client = client(handle.client());
    String hash = TorrentHandles.hash(handle);
    if (!hash.isEmpty()) {
      client.remove(List.of(hash), deleteFiles);
    }
  }

  @Override
  public DownloadChanges pollDownloads(String clientName, long cursor) {
    TransmissionClient client = client(clientName);
    return pages.poll(
        clientName,
        cursor,
        () -> {
          List<String> listed = new ArrayList<>();
          List<DownloadStatus> tagged = new ArrayList<>();
          for (TransmissionTorrent torrent : client.all()) {
            listed.add(torrent.hash());
            DownloadStatus status = status(clientName, torrent);
            if (status.workflowId() != null) {
              tagged.add(status);
            }
          }
          return new PollPages.Listing(listed, tagged);
        });
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    TransmissionClient client = client(handle.client());
    SeedingGoals goals = client.settings().seeding();
    String hash = TorrentHandles.hash(handle);
    if (hash.isEmpty()) {
      return;
    }
    if (goals.removesWhenMet()) {
      addLabel(client, hash, SeedingGoals.IMPORTED_MARK);
    } else if (goals.removesAtImport()) {
      client.remove(List.of(hash), true);
    }
  }

  @Override
  public List<String> removeSeeded(String clientName) {
    TransmissionClient client = client(clientName);
    SeedingGoals goals = client.settings().seeding();
    if (!goals.removesWhenMet()) {
      return List.of();
    }
    List<String> done =
        client.all().stream()
            .filter(torrent -> torrent.labels().contains(SeedingGoals.IMPORTED_MARK))
            .filter(
                torrent ->
                    goals.met(
                        torrent.effectiveRatio(), Duration.ofSeconds(torrent.secondsSeeding())))
            .map(TransmissionTorrent::hash)
            .toList();
    client.remove(done, true);
    return done;
  }

  /** Adds a label to those the torrent has; no call when it has it, or is unknown. */
  private static void addLabel(TransmissionClient client, String hash, String label) {
    for (TransmissionTorrent torrent : client.get(List.of(hash))) {
      if (!torrent.labels().contains(label)) {
        List<String> labels = new ArrayList<>(torrent.labels());
        labels.add(label);
        client.setLabels(List.of(hash), labels);
      }
    }
  }

  private TransmissionClient client(String name) {
    TransmissionClient client = name == null ? null : clients.get(name);
    if (client == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no Transmission client is configured under the name " + name, ErrorTypes.CONFIGURATION);
    }
    return client;
  }

  /** {@code message}: Transmission's error text when it has one, else its status name. */
  private static DownloadStatus status(String client, TransmissionTorrent torrent) {
    String workflowId =
        torrent.labels().stream().filter(WorkflowIds::isMediaRequest).findFirst().orElse(null);
    String message =
        torrent.error() != 0 && torrent.errorString() != null
            ? torrent.errorString()
            : TransmissionStates.name(torrent.status());
    return new DownloadStatus(
        client,
        torrent.hash(),
        workflowId,
        torrent.name(),
        TransmissionStates.toDownloadState(torrent),
        torrent.percentDone(),
        torrent.leftUntilDone(),
        torrent.contentPath(),
        torrent.downloadDir(),
        message);
  }
}
