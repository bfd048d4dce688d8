package io.temporarr.activities.torrent;

import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link DownloadActivities} on one or more instances of a torrent client, addressed by client
 * name: the rules every torrent client shares, on the calls of a {@link TorrentClientAdapter}.
 *
 * <p>A torrent can be shared: two requests (the same movie from two sources, two seasons picking
 * one multi-season pack) may choose the same release. Each request owns its own tag (label) on it,
 * its workflow ID ({@code media-request:…}), and the torrent lives as long as any such tag remains:
 * removing or retiring it for one request takes away only that request's tag (the caller, see
 * {@link CallingWorkflow}), and only the request that takes away the last one deletes it.
 *
 * <p>Only a torrent Temporarr added may be deleted. One the client held before (the user's own, a
 * Radarr download: no request tag and no {@value SeedingGoals#IMPORTED_MARK} when a request found
 * it, or another category than the instance's configured one) is shared read-only: the request that
 * finds it puts {@value #ADOPTED_MARK} on it before its own tag, in one edit, and that mark stays.
 * Such a torrent, or one outside the configured category, is never deleted nor marked imported:
 * removing or retiring takes only the request's tag off. The mark lives on the client, so it holds
 * across worker restarts and for every request that later shares the torrent.
 *
 * <p>Idempotency, per method (each client's class says what it sends):
 *
 * <ul>
 *   <li>{@code addDownload}: the adapter adds the torrent tagged with the workflow, or tags the one
 *       the client already holds under its infohash (with {@value #ADOPTED_MARK} first when it is
 *       not Temporarr's); never a second copy. A retry finds its own tag and edits nothing.
 *   <li>{@code downloadStatus}: read-only; the snapshot names the caller when its tag is on the
 *       torrent, else the first request tagging it.
 *   <li>{@code removeDownload}: takes the caller's tag off, then deletes the torrent (files as
 *       asked) only when the tags read after that removal hold no request, it is Temporarr's and it
 *       is not seeding towards a goal after an import. An unknown hash succeeds without a delete.
 *   <li>{@code retireDownload}: with a seeding goal it marks a torrent of Temporarr's {@value
 *       SeedingGoals#IMPORTED_MARK} and then takes the caller's tag off (only the tag off one that
 *       is not Temporarr's); without a goal but with {@code removeImported} it removes the caller's
 *       share as {@code removeDownload} does, with files; otherwise it makes no call.
 *   <li>{@code removeSeeded}: deletes, with their files, the torrents of Temporarr's marked {@value
 *       SeedingGoals#IMPORTED_MARK} that no request tags any more and that reached a goal.
 *   <li>{@code pollDownloads}: one snapshot per request tag, paged by {@link PollPages}; removed
 *       hashes are reported whoever owned them.
 * </ul>
 *
 * <p>Failures: {@code ConfigurationError} (non-retryable) for a client name not configured, {@code
 * BadRequest} (non-retryable) for an add without a workflow ID, those of {@link TorrentSources} for
 * the release, and the client's own (see its adapter). Removing or retiring outside an activity
 * without a named caller is an {@code IllegalStateException}.
 *
 * @param <S> the implementation, which the {@code with…} methods return
 */
public abstract class TorrentDownloadActivities<S extends TorrentDownloadActivities<S>>
    implements DownloadActivities {

  /**
   * The tag (qBittorrent) or label (Transmission) on a torrent the client held before a request
   * shared it: not Temporarr's, so never deleted by it. Put on once, never taken off.
   */
  public static final String ADOPTED_MARK = "temporarr-adopted";

  private final String product;
  private final String tagNoun;
  private final Map<String, TorrentClientAdapter> clients;
  private final TorrentSources sources;
  private PollPages pages = new PollPages();
  private CallingWorkflow caller = CallingWorkflow.ACTIVITY;

  /**
   * @param product the client's product name, for messages
   * @param tagNoun what the client calls a tag ("tag", "label"), for messages
   * @param clients configured instances by client name
   * @param adapter the adapter of one instance
   * @param sources resolves releases to torrents
   */
  protected <C> TorrentDownloadActivities(
      String product,
      String tagNoun,
      Map<String, C> clients,
      Function<C, TorrentClientAdapter> adapter,
      TorrentSources sources) {
    Map<String, TorrentClientAdapter> adapters = new LinkedHashMap<>();
    clients.forEach((name, client) -> adapters.put(name, adapter.apply(client)));
    this.product = product;
    this.tagNoun = tagNoun;
    this.clients = Map.copyOf(adapters);
    this.sources = sources;
  }

  /**
   * The same activities acting for {@code caller} instead of the workflow of the running activity:
   * for tests and tools that call them outside an activity.
   */
  public S withCaller(CallingWorkflow caller) {
    this.caller = caller;
    return self();
  }

  /** The same activities answering at most {@code max} snapshots per poll. */
  protected S withPageSize(int max) {
    this.pages = new PollPages(max);
    return self();
  }

  @SuppressWarnings("unchecked") // S is this class by the bound every subclass declares
  private S self() {
    return (S) this;
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    DownloadClients.requireWorkflowId(request, tagNoun);
    TorrentClientAdapter client = client(request.client());
    TorrentSource source = sources.resolve(request.release(), product);
    String tag = request.workflowId();
    TorrentClientAdapter.Added added =
        client.exclusively(
            () -> {
              Optional<? extends TaggedTorrent> held = client.find(source.infoHash());
              TorrentClientAdapter.Added found =
                  held.isPresent()
                      ? new TorrentClientAdapter.Added(
                          held.get().hash(), held.get().name(), held.get())
                      : client.add(source, tag);
              if (found.present() != null) {
                share(client, found.present(), tag);
              }
              return found;
            });
    String name = added.name() != null ? added.name() : source.name();
    return new DownloadHandle(request.client(), added.hash(), name);
  }

  /**
   * Tags a torrent the client held already for the request: it is Temporarr's when a request tag or
   * the imported mark is on it (another request added it), else it is marked {@value #ADOPTED_MARK}
   * in the same edit, the mark first.
   */
  private static void share(TorrentClientAdapter client, TaggedTorrent torrent, String tag) {
    List<String> wanted = new ArrayList<>();
    boolean temporarrs =
        ours(client, torrent)
            && (!torrent.requests().isEmpty()
                || torrent.tags().contains(SeedingGoals.IMPORTED_MARK));
    if (!temporarrs) {
      wanted.add(ADOPTED_MARK);
    }
    wanted.add(tag);
    wanted.removeAll(torrent.tags());
    if (!wanted.isEmpty()) {
      client.tag(torrent.hash(), wanted);
    }
  }

  /**
   * False for a torrent Temporarr must never delete: marked {@value #ADOPTED_MARK}, or in another
   * category than the one the instance gives the torrents it adds.
   */
  private static boolean ours(TorrentClientAdapter client, TaggedTorrent torrent) {
    String category = client.category();
    return !torrent.tags().contains(ADOPTED_MARK)
        && (category == null || category.equals(torrent.category()));
  }

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    TorrentClientAdapter client = client(handle.client());
    return TorrentHandles.statusOf(
        handle,
        product,
        hash ->
            client
                .find(hash)
                .map(
                    torrent ->
                        torrent.status(
                            handle.client(), TorrentHandles.owner(torrent.tags(), caller))));
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    TorrentClientAdapter client = client(handle.client());
    String hash = TorrentHandles.hash(handle);
    if (!hash.isEmpty()) {
      release(client, hash, deleteFiles);
    }
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    TorrentClientAdapter client = client(handle.client());
    SeedingGoals goals = client.seeding();
    String hash = TorrentHandles.hash(handle);
    if (hash.isEmpty()) {
      return;
    }
    if (goals.removesWhenMet()) {
      Optional<? extends TaggedTorrent> torrent = client.find(hash);
      if (torrent.isEmpty()) {
        return;
      }
      if (!ours(client, torrent.get())) {
        // Never marked imported: removeSeeded would delete it.
        release(client, hash, false);
        return;
      }
      // Marked first: the torrent always carries the caller's tag or the mark, so another
      // request releasing it in between never sees it unowned and deletes it before its goal.
      client.retag(hash, SeedingGoals.IMPORTED_MARK, caller.required());
    } else if (goals.removesAtImport()) {
      release(client, hash, true);
    }
  }

  /**
   * Takes the caller's tag off the torrent, then deletes it when no request tag remains and it is
   * Temporarr's, unless it is seeding towards a goal after an import ({@link #removeSeeded} deletes
   * it then).
   */
  private void release(TorrentClientAdapter client, String hash, boolean deleteFiles) {
    String owner = caller.required();
    client.exclusively(
        () -> {
          // Decided on the tags read after the own removal: of two requests releasing at once,
          // the later read sees both tags gone, so the torrent is deleted by at least one of them.
          Optional<? extends TaggedTorrent> left = client.untag(hash, owner);
          if (left.isEmpty() || !left.get().requests().isEmpty() || !ours(client, left.get())) {
            return null;
          }
          boolean seeding =
              client.seeding().removesWhenMet()
                  && left.get().tags().contains(SeedingGoals.IMPORTED_MARK);
          if (!seeding) {
            client.delete(List.of(hash), deleteFiles);
          }
          return null;
        });
  }

  @Override
  public List<String> removeSeeded(String clientName) {
    TorrentClientAdapter client = client(clientName);
    SeedingGoals goals = client.seeding();
    if (!goals.removesWhenMet()) {
      return List.of();
    }
    List<String> done =
        client.mayCarry(SeedingGoals.IMPORTED_MARK).stream()
            .filter(torrent -> torrent.tags().contains(SeedingGoals.IMPORTED_MARK))
            .filter(torrent -> ours(client, torrent))
            // Imported by one request, still wanted by another: it stays until that one is done.
            .filter(torrent -> torrent.requests().isEmpty())
            .filter(torrent -> torrent.reached(goals))
            .map(TaggedTorrent::hash)
            .toList();
    client.delete(done, true);
    return done;
  }

  @Override
  public DownloadChanges pollDownloads(String clientName, long cursor) {
    return client(clientName).poll(clientName, cursor, pages);
  }

  private TorrentClientAdapter client(String name) {
    return DownloadClients.named(clients, name, product);
  }
}
