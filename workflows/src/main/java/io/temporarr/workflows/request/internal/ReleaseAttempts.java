package io.temporarr.workflows.request.internal;

import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The releases of one request: what the last search found, the release being tried, how many were
 * tried, the blocklist of those that failed (never tried again unless an operator chooses one), and
 * since when the request has been searching without finding any (the wanted timeout runs from
 * there). Trying another release moves the request to Download, or back to Search when none is
 * left, and forgets what the previous download and its verification left behind.
 */
final class ReleaseAttempts {

  /** Releases kept from a search: more than any sane maxReleaseAttempts, bounded payload. */
  static final int KEPT_RELEASES = 50;

  private final Supplier<Instant> clock;
  private final RequestLifecycle lifecycle;
  private final DownloadWatch watch;
  private final MediaImport media;
  private final Set<String> blocklist = new LinkedHashSet<>();
  private List<Release> lastSearch = List.of();
  private Release current;
  private int attempts;
  private Instant searchingSince;

  ReleaseAttempts(
      Supplier<Instant> clock,
      CarryOver carry,
      RequestLifecycle lifecycle,
      DownloadWatch watch,
      MediaImport media) {
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.watch = watch;
    this.media = media;
    if (carry != null) {
      blocklist.addAll(carry.blocklist());
      attempts = carry.releaseAttempts();
      lastSearch = carry.lastSearch();
      current = carry.currentRelease();
      searchingSince = WorkflowClock.parse(carry.searchingSince());
    }
  }

  Release current() {
    return current;
  }

  int attempts() {
    return attempts;
  }

  List<String> blocklist() {
    return List.copyOf(blocklist);
  }

  /** The next search: the request's identifiers, without the releases blocklisted. */
  SearchQuery query(String workflowId, MediaRequestInput input) {
    return new SearchQuery(
        workflowId,
        input.mediaType(),
        input.title(),
        input.year(),
        input.tmdbId(),
        input.imdbId(),
        input.tvdbId(),
        input.season(),
        List.copyOf(blocklist),
        input.runtimeMinutes());
  }

  /** Starts the wanted clock unless it runs; true when this search is the first of the period. */
  boolean searching() {
    boolean first = searchingSince == null;
    if (first) {
      searchingSince = clock.get();
    }
    return first;
  }

  /** How long the request has searched without finding a release. */
  Duration searchedFor() {
    return Duration.between(searchingSince, clock.get());
  }

  /** How long to wait before searching again: the interval, or less near the wanted timeout. */
  Duration untilNextSearch(Duration researchInterval, Duration wantedTimeout) {
    Duration untilGivingUp = wantedTimeout.minus(searchedFor());
    return researchInterval.compareTo(untilGivingUp) <= 0 ? researchInterval : untilGivingUp;
  }

  /** The next search starts a new wanted period (operator retry or choice). */
  void restartSearchClock() {
    searchingSince = null;
  }

  /**
   * The accepted releases of a search that are not blocklisted, best first (bounded); when there
   * are any they become the last search and the wanted period ends.
   */
  List<Release> found(List<Release> accepted) {
    List<Release> usable =
        accepted.stream()
            .filter(r -> !blocklist.contains(r.blocklistKey()))
            .limit(KEPT_RELEASES)
            .toList();
    if (!usable.isEmpty()) {
      lastSearch = usable;
      searchingSince = null;
    }
    return usable;
  }

  /** A release of the last search by guid or infohash, or null. */
  Release find(String key) {
    return lastSearch.stream()
        .filter(r -> key.equals(r.guid()) || key.equalsIgnoreCase(r.infoHash()))
        .findFirst()
        .orElse(null);
  }

  /** Tries this release next (one more attempt): Active in Download. */
  void select(Release release, String cause, String detail) {
    forgetDownload();
    current = release;
    attempts++;
    lifecycle.transition(
        RequestState.ACTIVE, RequestStage.DOWNLOAD, cause, detail + "; trying " + release.title());
  }

  /** The next untried release of the last search, or back to Search when none is left. */
  void selectNext(String cause, String detail) {
    Release next = next();
    if (next != null) {
      select(next, cause, detail);
      return;
    }
    forgetDownload();
    current = null;
    searchingSince = null;
    lifecycle.transition(
        RequestState.ACTIVE,
        RequestStage.SEARCH,
        cause,
        detail + "; no untried release left, searching again");
  }

  /** Every attempt allowed is used: no release is tried until an operator acts. */
  void giveUp() {
    forgetDownload();
    current = null;
  }

  /** Blocklists the current release; returns it. */
  Release blocklistCurrent() {
    Release failed = current;
    blocklist.add(failed.blocklistKey());
    return failed;
  }

  /** An operator chose this release: it may be tried again. */
  void unblock(Release release) {
    blocklist.remove(release.blocklistKey());
  }

  /** Every release allowed was tried: an operator grants a fresh set of attempts. */
  void grantFreshAttempts() {
    attempts = 0;
  }

  void carry(CarryOver.Builder carry) {
    carry
        .blocklist(List.copyOf(blocklist))
        .releaseAttempts(attempts)
        .searchingSince(WorkflowClock.iso(searchingSince))
        .lastSearch(lastSearch)
        .currentRelease(current);
  }

  /** The best release of the last search not tried yet, or null. */
  private Release next() {
    return lastSearch.stream()
        .filter(r -> !blocklist.contains(r.blocklistKey()))
        .findFirst()
        .orElse(null);
  }

  private void forgetDownload() {
    watch.clear();
    media.forgetVerified();
  }

  /** The current release for a query answer. */
  Release redactedCurrent() {
    return redacted(current);
  }

  /** Download URLs can carry indexer API keys or tracker passkeys: never in a query answer. */
  private static Release redacted(Release release) {
    if (release == null) {
      return null;
    }
    return new Release(
        release.guid(),
        release.title(),
        release.indexer(),
        release.indexerPriority(),
        release.protocol(),
        null,
        release.infoHash(),
        release.sizeBytes(),
        release.seeders(),
        release.leechers(),
        release.publishedAt(),
        release.categories(),
        release.quality());
  }
}
