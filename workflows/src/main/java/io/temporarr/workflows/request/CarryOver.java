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
 * @param waitingSince ISO-8601 instant the download began to wait in the client's queue or paused
 *     (the queued timeout runs from there), or null; absent in histories recorded before it existed
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
    ErrorInfo lastError,
    String waitingSince) {
  public CarryOver {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
    appliedEventIds = appliedEventIds == null ? List.of() : List.copyOf(appliedEventIds);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    lastSearch = lastSearch == null ? List.of() : List.copyOf(lastSearch);
  }

  /** An empty builder: nothing carried (the continuation starts at Search) until set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a carry-over part by part: each part of a run hands over what it owns, e.g. {@code
   * CarryOver.builder().blocklist(keys).releaseAttempts(2).build()}.
   */
  public static final class Builder {
    private List<String> blocklist;
    private int releaseAttempts;
    private List<String> appliedEventIds;
    private List<Transition> transitions;
    private String searchingSince;
    private RequestState state;
    private RequestStage stage;
    private List<Release> lastSearch;
    private Release currentRelease;
    private DownloadHandle download;
    private DownloadStatus lastDownload;
    private String lastProgressAt;
    private String attentionSince;
    private ErrorInfo lastError;
    private String waitingSince;

    private Builder() {}

    public Builder blocklist(List<String> blocklist) {
      this.blocklist = blocklist;
      return this;
    }

    public Builder releaseAttempts(int releaseAttempts) {
      this.releaseAttempts = releaseAttempts;
      return this;
    }

    public Builder appliedEventIds(List<String> appliedEventIds) {
      this.appliedEventIds = appliedEventIds;
      return this;
    }

    public Builder transitions(List<Transition> transitions) {
      this.transitions = transitions;
      return this;
    }

    public Builder searchingSince(String searchingSince) {
      this.searchingSince = searchingSince;
      return this;
    }

    public Builder state(RequestState state) {
      this.state = state;
      return this;
    }

    public Builder stage(RequestStage stage) {
      this.stage = stage;
      return this;
    }

    public Builder lastSearch(List<Release> lastSearch) {
      this.lastSearch = lastSearch;
      return this;
    }

    public Builder currentRelease(Release currentRelease) {
      this.currentRelease = currentRelease;
      return this;
    }

    public Builder download(DownloadHandle download) {
      this.download = download;
      return this;
    }

    public Builder lastDownload(DownloadStatus lastDownload) {
      this.lastDownload = lastDownload;
      return this;
    }

    public Builder lastProgressAt(String lastProgressAt) {
      this.lastProgressAt = lastProgressAt;
      return this;
    }

    public Builder attentionSince(String attentionSince) {
      this.attentionSince = attentionSince;
      return this;
    }

    public Builder lastError(ErrorInfo lastError) {
      this.lastError = lastError;
      return this;
    }

    public Builder waitingSince(String waitingSince) {
      this.waitingSince = waitingSince;
      return this;
    }

    public CarryOver build() {
      return new CarryOver(
          blocklist,
          releaseAttempts,
          appliedEventIds,
          transitions,
          searchingSince,
          state,
          stage,
          lastSearch,
          currentRelease,
          download,
          lastDownload,
          lastProgressAt,
          attentionSince,
          lastError,
          waitingSince);
    }
  }
}
