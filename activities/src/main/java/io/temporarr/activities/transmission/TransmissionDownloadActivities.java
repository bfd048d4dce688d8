package io.temporarr.activities.transmission;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.CallingWorkflow;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * {@link DownloadActivities} on one or more Transmission instances, addressed by client name. The
 * request workflow ID is stored as a Transmission label.
 *
 * <p>A torrent can be shared by two requests, as with qBittorrent: each request owns its own label
 * on it, and the torrent lives as long as any request label remains. Removing or retiring it for
 * one request takes away only that request's label (the caller, see {@link CallingWorkflow}).
 * Transmission has no "add a label" or "remove a label", only "set the labels": each edit reads the
 * labels and writes them back changed, and this instance makes the edits of one client one at a
 * time. Two workers editing one torrent's labels at the same moment can still undo each other's
 * edit: a finished request's label may stay behind (the torrent is then kept), or a fresh label may
 * be lost, so that another request's removal deletes a torrent the first one still needs; that
 * request then finds its download missing and goes on to its next release.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: Transmission itself answers {@code torrent-duplicate} for an infohash
 *       it already has, so a retry or the same release requested twice never adds a second copy;
 *       the workflow label is added to the labels already there, never duplicated.
 *   <li>{@code downloadStatus}: read-only. It reports the caller as the snapshot's workflow when
 *       the torrent carries the caller's label.
 *   <li>{@code removeDownload}: takes the caller's label off (no write when it is gone already),
 *       then removes the torrent (its data as asked) only when no request label remains and it is
 *       not seeding towards a goal after an import. A hash Transmission does not know succeeds
 *       without a call to remove it.
 *   <li>{@code pollDownloads}: read-only on the client. Every poll is one {@code torrent-get} of
 *       all torrents: {@code ids: "recently-active"} would report removals by Transmission's
 *       session-local numeric ids and forgets changes older than its own 60 s window, so a slower
 *       poll interval could miss a change. The activity keeps, per client, the snapshot it handed
 *       out last per torrent and request and hands out only those that changed or are new, at most
 *       {@value PollPages#MAX_CHANGES_PER_POLL} per result, oldest waiting first; the others wait
 *       for the next polls that continue from the cursor. It only continues from the cursor this
 *       instance handed out last; any other cursor (a retry after a lost result, a restarted
 *       worker, another worker's cursor) starts over with every torrent, so a replayed poll can
 *       repeat snapshots but never lose one. {@code removed} lists the hashes this worker saw in
 *       its previous poll of the client that are gone now.
 *   <li>{@code retireDownload}: with a seeding goal it sets the labels to those there plus {@value
 *       SeedingGoals#IMPORTED_MARK} minus the caller's (no write when they are so already); without
 *       a goal but with {@code removeImported} it removes the caller's share as {@code
 *       removeDownload} does, with its data (the library holds its own hardlink or copy); otherwise
 *       it makes no call.
 *   <li>{@code removeSeeded}: lists every torrent and removes, with their data, those labelled
 *       {@value SeedingGoals#IMPORTED_MARK} that no request labels any more and whose {@code
 *       uploadRatio} or {@code secondsSeeding} reached a goal. Without goals (or with {@code
 *       removeImported} off) no call.
 * </ul>
 *
 * <p>{@code pollDownloads} reports torrents labelled with a request workflow ID ({@code
 * media-request:…}), one snapshot per request label. Removed hashes are reported whoever owned
 * them.
 */
public class TransmissionDownloadActivities implements DownloadActivities {

  private final Map<String, TransmissionClient> clients;
  private final TorrentSources sources;
  private PollPages pages = new PollPages();
  private CallingWorkflow caller = CallingWorkflow.ACTIVITY;

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

  /**
   * The same activities acting for {@code caller} instead of the workflow of the running activity:
   * for tests and tools that call them outside an activity.
   */
  public TransmissionDownloadActivities withCaller(CallingWorkflow caller) {
    this.caller = caller;
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
      editLabels(client, added.hash(), List.of(request.workflowId()), List.of());
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
                .map(
                    torrent ->
                        status(
                            handle.client(),
                            torrent,
                            TorrentHandles.owner(torrent.labels(), caller))));
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    TransmissionClient client = client(handle.client());
    String hash = TorrentHandles.hash(handle);
    if (!hash.isEmpty()) {
      release(client, hash, deleteFiles);
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
            TorrentHandles.requests(torrent.labels())
                .forEach(request -> tagged.add(status(clientName, torrent, request)));
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
      editLabels(client, hash, List.of(SeedingGoals.IMPORTED_MARK), List.of(caller.required()));
    } else if (goals.removesAtImport()) {
      release(client, hash, true);
    }
  }

  /**
   * Takes the caller's label off the torrent, then removes it when no request label remains, unless
   * it is seeding towards a goal after an import ({@link #removeSeeded} removes it then).
   */
  private void release(TransmissionClient client, String hash, boolean deleteData) {
    String owner = caller.required();
    synchronized (client) {
      Optional<List<String>> labels = editLabels(client, hash, List.of(), List.of(owner));
      if (labels.isEmpty() || labels.get().stream().anyMatch(WorkflowIds::isMediaRequest)) {
        return;
      }
      boolean seeding =
          client.settings().seeding().removesWhenMet()
              && labels.get().contains(SeedingGoals.IMPORTED_MARK);
      if (!seeding) {
        client.remove(List.of(hash), deleteData);
      }
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
            // Imported by one request, still wanted by another: it stays until that one is done.
            .filter(torrent -> TorrentHandles.requests(torrent.labels()).isEmpty())
            .filter(
                torrent ->
                    goals.met(
                        torrent.effectiveRatio(), Duration.ofSeconds(torrent.secondsSeeding())))
            .map(TransmissionTorrent::hash)
            .toList();
    client.remove(done, true);
    return done;
  }

  /**
   * Sets the torrent's labels to those it has plus {@code added} minus {@code removed}, without a
   * write when nothing changes. Label edits of one client are made one at a time: each reads the
   * labels and writes them back. Returns the labels it now has, empty when the torrent is unknown.
   */
  private static Optional<List<String>> editLabels(
      TransmissionClient client, String hash, List<String> added, List<String> removed) {
    synchronized (client) {
      Optional<TransmissionTorrent> torrent =
          client.get(List.of(hash)).stream().filter(t -> t.hash().equals(hash)).findFirst();
      if (torrent.isEmpty()) {
        return Optional.empty();
      }
      Set<String> labels = new LinkedHashSet<>(torrent.get().labels());
      labels.addAll(added);
      labels.removeAll(removed);
      List<String> edited = List.copyOf(labels);
      if (!edited.equals(torrent.get().labels())) {
        client.setLabels(List.of(hash), edited);
      }
      return Optional.of(edited);
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
  private static DownloadStatus status(
      String client, TransmissionTorrent torrent, String workflowId) {
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
