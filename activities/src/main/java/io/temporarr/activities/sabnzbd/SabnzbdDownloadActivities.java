package io.temporarr.activities.sabnzbd;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * {@link DownloadActivities} on one or more SABnzbd instances, addressed by client name. Jobs are
 * named by {@link JobNames}: {@code tmr-<key>-<workflow ID> <title>}.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: SABnzbd has no infohash, so the job name carries a key derived from
 *       the workflow ID and the release guid. Before adding, the queue and the history are searched
 *       for that key; a job found there (other than a failed one) is returned instead of adding the
 *       NZB again. A retry, or the same release requested twice by the same request, never
 *       downloads twice. A failed job is not reused: adding again is what an operator who chose
 *       that release again asked for.
 *   <li>{@code downloadStatus}: read-only.
 *   <li>{@code removeDownload}, {@code retireDownload}: delete only the job this request added
 *       (listed under the handle's id, named with the handle's Temporarr tag); an id SABnzbd does
 *       not list, or a job named otherwise (the user's, another request's), succeeds without a
 *       delete.
 *   <li>{@code pollDownloads}: read-only on SABnzbd; two calls (queue, then the newest history
 *       entries) per poll whatever the number of jobs. The activity keeps, per client, the snapshot
 *       it handed out last per job and hands out only those that changed or are new, at most
 *       {@value PollPages#MAX_CHANGES_PER_POLL} per result, oldest waiting first; the others wait
 *       for the next polls that continue from the cursor. It only continues from the cursor this
 *       instance handed out last; any other cursor (a retry after a lost result, a restarted
 *       worker, another worker's cursor) starts over with every job, so a replayed poll can repeat
 *       snapshots but never lose one. {@code removed} lists the jobs of this worker's previous poll
 *       that are gone, except at cursor 0 (a monitor that just started remembers no job).
 * </ul>
 *
 * <p>A job Temporarr did not add is never adopted nor deleted: {@code addDownload} reuses only a
 * job named with the request's own tag (a job of the same NZB the user added is left alone and a
 * job of Temporarr's own is added beside it), and removing or retiring first reads the job and
 * deletes it only when its name carries the handle's tag.
 *
 * <p>Two requests never share a job: the key in the job name is derived from the workflow ID, so
 * two requests choosing the same NZB each add their own job. Removing or retiring a job therefore
 * never touches another request's download, unlike a torrent two requests share.
 *
 * <p>Usenet does not seed: {@code retireDownload} removes the imported job's history entry but
 * keeps its files (the library holds its own hardlink or copy, and an import by move leaves nothing
 * to delete), and {@code removeSeeded} never has anything to do.
 */
public class SabnzbdDownloadActivities implements DownloadActivities {

  private static final String PRODUCT = "SABnzbd";

  /** History entries read per poll: far more than the downloads of one poll interval. */
  static final int POLLED_HISTORY = 100;

  private final Map<String, SabnzbdClient> clients;
  private final LinkCredentials credentials;
  private PollPages pages = new PollPages();

  /**
   * @param clients configured SABnzbd instances by client name
   * @param credentials puts indexer API keys back into redacted .nzb links (they are kept out of
   *     workflow histories), and refuses with {@code InvalidRelease} a link its {@link
   *     LinkCredentials#guard() guard} refuses (SABnzbd fetches the link itself, from its network)
   */
  public SabnzbdDownloadActivities(
      Map<String, SabnzbdClient> clients, LinkCredentials credentials) {
    this.clients = Map.copyOf(clients);
    this.credentials = credentials;
  }

  /** The same activities answering at most {@code max} snapshots per poll (tests). */
  SabnzbdDownloadActivities withMaxChangesPerPoll(int max) {
    this.pages = new PollPages(max);
    return this;
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    DownloadClients.requireWorkflowId(request);
    SabnzbdClient client = client(request.client());
    Release release = request.release();
    HttpUrl nzb = nzbUrl(release);
    if (JobNames.encode(request.workflowId()).length() > JobNames.MAX_ENCODED_WORKFLOW_ID) {
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow ID too long for a SABnzbd job name", ErrorTypes.BAD_REQUEST);
    }
    String releaseId = release.guid() != null ? release.guid() : release.downloadUrl();
    String key = JobNames.key(request.workflowId(), releaseId);
    String name = JobNames.name(key, request.workflowId(), release.title());
    String tag = JobNames.tag(key, request.workflowId());
    Optional<SabnzbdJob> existing =
        find(client.queue(tag, List.of()), tag)
            .or(() -> find(client.history(tag, List.of(), 0), tag))
            .filter(job -> !"Failed".equals(job.status()));
    String nzoId = existing.map(SabnzbdJob::nzoId).orElseGet(() -> client.addUrl(nzb, name));
    return new DownloadHandle(request.client(), nzoId, name);
  }

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    SabnzbdClient client = client(handle.client());
    String id = id(handle);
    if (id.isEmpty()) {
      return missing(handle);
    }
    return listed(client, id)
        .map(job -> status(handle.client(), job))
        .orElseGet(() -> missing(handle));
  }

  /**
   * The job SABnzbd lists under {@code id}. A job leaving the queue for post-processing is briefly
   * listed in neither: it looks twice before answering empty (for a status, MISSING would blocklist
   * a good release). Queue first, so a job moving on between the two calls is found in the history.
   */
  private static Optional<SabnzbdJob> listed(SabnzbdClient client, String id) {
    for (int look = 0; look < 2; look++) {
      Optional<SabnzbdJob> job =
          byId(client.queue(null, List.of(id)), id)
              .or(() -> byId(client.history(null, List.of(id), 0), id));
      if (job.isPresent()) {
        return job;
      }
    }
    return Optional.empty();
  }

  /**
   * True when SABnzbd lists the handle's job and it is the one this request added: its name carries
   * the Temporarr tag of the handle's name (any Temporarr tag when the handle's name has none). A
   * job the user added, another request's or one SABnzbd no longer lists is never deleted.
   */
  private static boolean added(SabnzbdClient client, DownloadHandle handle, String id) {
    Optional<JobNames.Tag> own = JobNames.parse(handle.name());
    return listed(client, id)
        .flatMap(job -> JobNames.parse(job.name()))
        .filter(tag -> own.isEmpty() || own.get().equals(tag))
        .isPresent();
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    SabnzbdClient client = client(handle.client());
    String id = id(handle);
    if (!id.isEmpty() && added(client, handle, id)) {
      // Queue first: a job finishing meanwhile is then removed from the history.
      client.deleteFromQueue(id, deleteFiles);
      client.deleteFromHistory(id, deleteFiles);
    }
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    SabnzbdClient client = client(handle.client());
    String id = id(handle);
    if (!id.isEmpty() && added(client, handle, id)) {
      client.deleteFromHistory(id, false);
    }
  }

  private static String id(DownloadHandle handle) {
    return handle.id() == null ? "" : handle.id().trim();
  }

  @Override
  public List<String> removeSeeded(String clientName) {
    client(clientName);
    return List.of();
  }

  @Override
  public DownloadChanges pollDownloads(String clientName, long cursor) {
    SabnzbdClient client = client(clientName);
    DownloadChanges changes =
        pages.poll(
            clientName,
            cursor,
            () -> {
              Map<String, DownloadStatus> current = new LinkedHashMap<>();
              for (SabnzbdJob job : client.queue(JobNames.PREFIX, List.of())) {
                tagged(clientName, job)
                    .ifPresent(status -> current.putIfAbsent(job.nzoId(), status));
              }
              for (SabnzbdJob job : client.history(JobNames.PREFIX, List.of(), POLLED_HISTORY)) {
                tagged(clientName, job)
                    .ifPresent(status -> current.putIfAbsent(job.nzoId(), status));
              }
              return new PollPages.Listing(current.keySet(), List.copyOf(current.values()));
            });
    if (cursor > 0) {
      return changes;
    }
    // A monitor polling with cursor 0 has just started and remembers no job: what this worker
    // listed for an earlier monitor run would only be noise.
    return new DownloadChanges(
        changes.cursor(), changes.fullUpdate(), changes.changed(), List.of());
  }

  private Optional<DownloadStatus> tagged(String clientName, SabnzbdJob job) {
    return JobNames.parse(job.name())
        .filter(tag -> WorkflowIds.isMediaRequest(tag.workflowId()))
        .map(tag -> status(clientName, job));
  }

  private HttpUrl nzbUrl(Release release) {
    if (release == null || release.downloadUrl() == null || release.downloadUrl().isBlank()) {
      throw invalidRelease("the release has no download link");
    }
    if (release.protocol() != Protocol.USENET) {
      throw invalidRelease("SABnzbd takes usenet releases, not " + release.protocol());
    }
    HttpUrl url = HttpUrl.parse(release.downloadUrl().trim());
    if (url == null) {
      throw invalidRelease("the download link is not an http(s) URL of an NZB");
    }
    // SABnzbd fetches the link from its own network: it must not point inside it.
    credentials.guard().check(url);
    return credentials.restore(url);
  }

  private SabnzbdClient client(String name) {
    return DownloadClients.named(clients, name, PRODUCT);
  }

  private static Optional<SabnzbdJob> find(List<SabnzbdJob> jobs, String tag) {
    return jobs.stream()
        .filter(
            job ->
                JobNames.parse(job.name())
                    .map(t -> tag.equals(JobNames.tag(t.key(), t.workflowId())))
                    .orElse(false))
        .findFirst();
  }

  private static Optional<SabnzbdJob> byId(List<SabnzbdJob> jobs, String id) {
    // Filtered locally too: a SABnzbd that ignores nzo_ids lists every job.
    return jobs.stream().filter(job -> id.equals(job.nzoId())).findFirst();
  }

  /** {@code message} carries SABnzbd's status name, or its reason for a failed job. */
  private static DownloadStatus status(String client, SabnzbdJob job) {
    DownloadState state = SabnzbdStates.toDownloadState(job);
    boolean fetched = job.inHistory() && state != DownloadState.FAILED;
    double progress =
        fetched
            ? 1.0
            : job.totalBytes() > 0
                ? Math.max(0, Math.min(1, 1 - (double) job.bytesLeft() / job.totalBytes()))
                : 0;
    String message =
        state == DownloadState.FAILED
            ? (job.failMessage() != null ? job.failMessage() : "SABnzbd reports the job failed")
            : job.status();
    return new DownloadStatus(
        client,
        job.nzoId(),
        JobNames.parse(job.name()).map(JobNames.Tag::workflowId).orElse(null),
        displayName(job.name()),
        state,
        progress,
        fetched ? 0 : job.bytesLeft(),
        state == DownloadState.COMPLETED ? job.storage() : null,
        null,
        message);
  }

  /** The job name without the URL a failed fetch appends (it may hold an indexer key). */
  static String displayName(String name) {
    int url = name.indexOf("://");
    if (url < 0) {
      return name;
    }
    String before = name.substring(0, name.lastIndexOf(' ', url) + 1).strip();
    return before.endsWith(" -") ? before.substring(0, before.length() - 2).strip() : before;
  }

  private static DownloadStatus missing(DownloadHandle handle) {
    return DownloadClients.missing(handle, PRODUCT);
  }

  private static ApplicationFailure invalidRelease(String detail) {
    return ApplicationFailure.newNonRetryableFailure(detail, ErrorTypes.INVALID_RELEASE);
  }
}
