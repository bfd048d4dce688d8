package io.temporarr.workflows.request;

import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Release;
import java.util.List;

/**
 * What a request run hands to its continuation (continue-as-new) so nothing learned is lost.
 *
 * <p>The first five components are the original contract; the rest say where the run stopped (a
 * download being waited for, an operator being waited for) so the continuation resumes there
 * instead of searching again. All of them may be null/empty: the continuation then starts at
 * Search.
 *
 * @param blocklist release keys never to try again
 * @param releaseAttempts releases tried so far
 * @param appliedEventIds recent signal event ids already applied (bounded)
 * @param transitions the audit log so far (bounded to the most recent entries)
 * @param searchingSince ISO-8601 instant the wanted-monitoring started, or null
 * @param state the state to resume in (Active or NeedsAttention), null = Active
 * @param stage the stage to resume in, null = Search
 * @param lastSearch releases of the last search that found any, best first (bounded)
 * @param currentRelease the release being downloaded or processed, or null
 * @param download the current download, or null
 * @param lastDownload the last known snapshot of the current download, or null
 * @param lastProgressAt ISO-8601 instant the download last made progress (stall detection)
 * @param attentionSince ISO-8601 instant NeedsAttention began (its timeout runs from there)
 * @param lastError the last failure, or null
 */
public record CarryOver(
    List<String> blocklist,
    int releaseAttempts,
    List<String> appliedEventIds,
    List<Transition> transitions,
    String searchingSince,
    RequestState state,
    RequestStage stage,
    List<Release> lastSearch,
    Release currentRelease,
    DownloadHandle download,
    DownloadStatus lastDownload,
    String lastProgressAt,
    String attentionSince,
    ErrorInfo lastError) {
  public CarryOver {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
    appliedEventIds = appliedEventIds == null ? List.of() : List.copyOf(appliedEventIds);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    lastSearch = lastSearch == null ? List.of() : List.copyOf(lastSearch);
  }

  /** The original shape: the continuation starts at Search with what was learned so far. */
  public CarryOver(
      List<String> blocklist,
      int releaseAttempts,
      List<String> appliedEventIds,
      List<Transition> transitions,
      String searchingSince) {
    this(
        blocklist,
        releaseAttempts,
        appliedEventIds,
        transitions,
        searchingSince,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
