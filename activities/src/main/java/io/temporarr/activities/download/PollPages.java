package io.temporarr.activities.download;

import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Turns what a client answers into paged {@code pollDownloads} results, per client name: full
 * listings of a client without a change feed (Transmission, SABnzbd; {@link #poll}), or the changes
 * of one with a feed (qBittorrent's {@code sync/maindata}; {@link #follow}).
 *
 * <p>Per client it keeps a queue of snapshots not handed out yet, one per download and request (a
 * torrent two requests share has a snapshot for each). A poll hands out at most a page of that
 * queue, oldest first; the rest wait for the next polls that continue from the cursor. A fresh
 * start forgets the queue and, when more than a page is new, begins at a random download: with two
 * workers polls often land on the one that did not hand out the cursor, and starting at the
 * client's first download every time would never reach the downloads past the first page.
 *
 * <p>From full listings it also keeps the snapshot last handed out per download and request, and
 * queues only those that changed or are new; a later change of a queued download replaces its
 * snapshot in place. It continues only from the cursor it handed out last: any other cursor (0 at
 * monitor start, a retry after a lost result, a restarted worker, a cursor another worker handed
 * out) forgets what was handed out and queues every download again, so a lost result can repeat
 * snapshots but never lose one. Everything it keeps is bounded by what the client lists.
 */
public final class PollPages {

  /**
   * Snapshots per poll result. A result of ~9,500 downloads exceeded Temporal's 2 MB limit on an
   * activity result (the scale benchmark, docs/benchmarks.md), and the monitor then failed every
   * poll. A page of 1,000 is about 250 KB; the rest follow on the next polls.
   */
  public static final int MAX_CHANGES_PER_POLL = 1_000;

  /**
   * Cursors step by a random amount up to this, so that a cursor another worker (or an earlier run
   * of this one) handed out is practically never the one this instance handed out last.
   */
  private static final int MAX_CURSOR_STEP = 1 << 30;

  private final int maxChangesPerPoll;
  private final Map<String, ClientPages> clients = new ConcurrentHashMap<>();

  public PollPages() {
    this(MAX_CHANGES_PER_POLL);
  }

  /**
   * @param maxChangesPerPoll snapshots per result (tests use small pages)
   */
  public PollPages(int maxChangesPerPoll) {
    if (maxChangesPerPoll < 1) {
      throw new IllegalArgumentException("a page holds at least one snapshot");
    }
    this.maxChangesPerPoll = maxChangesPerPoll;
  }

  /**
   * One read of a client.
   *
   * @param ids every download the client listed (removals are reported from these)
   * @param snapshots the downloads to report, in the client's order, one per download and request;
   *     the first of an id and workflow ID counts
   */
  public record Listing(Collection<String> ids, List<DownloadStatus> snapshots) {}

  /**
   * One read of a client's change feed.
   *
   * @param cursor the feed's position after this read, handed out as the result's cursor
   * @param fullUpdate true when {@code changed} holds every download (a fresh start)
   * @param changed the downloads that changed, in the client's order, each with its snapshots now:
   *     one per request, none when no request wants to hear of it any more
   * @param removed the downloads gone since the position read from
   */
  public record Changes(
      long cursor,
      boolean fullUpdate,
      Map<String, List<DownloadStatus>> changed,
      List<String> removed) {}

  /**
   * Reads the client once ({@code read}, which may throw: nothing is kept then) and answers the
   * next page. {@code removed} lists the ids of the previous read that are gone.
   */
  public DownloadChanges poll(String client, long cursor, Supplier<Listing> read) {
    ClientPages pages = clients.computeIfAbsent(client, name -> new ClientPages());
    synchronized (pages) {
      Listing listing = read.get();
      boolean continues = cursor != 0 && cursor == pages.cursor;
      Set<String> listed = new LinkedHashSet<>(listing.ids());
      List<String> removed = pages.listed.stream().filter(id -> !listed.contains(id)).toList();
      pages.listed = listed;
      Map<Key, DownloadStatus> current = new LinkedHashMap<>();
      listing.snapshots().forEach(status -> current.putIfAbsent(Key.of(status), status));
      if (!continues) {
        pages.handedOut.clear();
        pages.pending.clear();
      }
      pages.handedOut.keySet().retainAll(current.keySet());
      pages.pending.keySet().retainAll(current.keySet());
      for (DownloadStatus status : startingOrder(current.values(), continues)) {
        Key key = Key.of(status);
        if (status.equals(pages.handedOut.get(key))) {
          pages.pending.remove(key); // changed back to what the monitor has
        } else {
          pages.pending.put(key, status); // a queued one keeps its place
        }
      }
      List<DownloadStatus> page = nextPage(pages);
      page.forEach(status -> pages.handedOut.put(Key.of(status), status));
      pages.cursor =
          Math.max(cursor, pages.cursor) + 1 + ThreadLocalRandom.current().nextInt(MAX_CURSOR_STEP);
      return new DownloadChanges(pages.cursor, !continues, page, removed);
    }
  }

  /**
   * Reads the client's change feed once ({@code read}, which may throw: nothing is kept then; it
   * runs while no other poll of the client does) and answers the next page, under the feed's own
   * cursor. Every changed download is queued again at the end with its latest snapshots, in place
   * of those still waiting; a full update starts the queue over.
   */
  public DownloadChanges follow(String client, Supplier<Changes> read) {
    ClientPages pages = clients.computeIfAbsent(client, name -> new ClientPages());
    synchronized (pages) {
      Changes changes = read.get();
      if (changes.fullUpdate()) {
        pages.pending.clear();
      }
      Set<String> stale = new HashSet<>(changes.removed());
      stale.addAll(changes.changed().keySet());
      pages.pending.keySet().removeIf(key -> stale.contains(key.id()));
      for (String id : startingOrder(changes.changed().keySet(), !changes.fullUpdate())) {
        changes.changed().get(id).forEach(status -> pages.pending.put(Key.of(status), status));
      }
      return new DownloadChanges(
          changes.cursor(), changes.fullUpdate(), nextPage(pages), changes.removed());
    }
  }

  /** Takes at most a page of snapshots off the front of the queue. */
  private List<DownloadStatus> nextPage(ClientPages pages) {
    List<DownloadStatus> page = new ArrayList<>();
    Iterator<DownloadStatus> next = pages.pending.values().iterator();
    while (next.hasNext() && page.size() < maxChangesPerPoll) {
      page.add(next.next());
      next.remove();
    }
    return page;
  }

  /**
   * When starting over with more than a page, the queue starts at a random download (see the class
   * comment).
   */
  private <T> List<T> startingOrder(Collection<T> all, boolean continues) {
    List<T> order = new ArrayList<>(all);
    if (!continues && order.size() > maxChangesPerPoll) {
      Collections.rotate(order, ThreadLocalRandom.current().nextInt(order.size()));
    }
    return order;
  }

  /** One download as one request sees it. */
  private record Key(String id, String workflowId) {
    static Key of(DownloadStatus status) {
      return new Key(status.id(), status.workflowId());
    }
  }

  /** What one client was handed out, what waits, and the cursor handed out last. */
  private static final class ClientPages {
    private long cursor;
    private Set<String> listed = Set.of();
    private final Map<Key, DownloadStatus> handedOut = new HashMap<>();
    private final Map<Key, DownloadStatus> pending = new LinkedHashMap<>();
  }
}
