package io.temporarr.workflows.request;

import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Release;
import java.util.List;

/** Answer of the {@code status} query. */
public record RequestStatus(
    String workflowId,
    MediaType mediaType,
    String title,
    Integer season,
    RequestState state,
    RequestStage stage,
    int releaseAttempts,
    Release chosenRelease,
    DownloadProgress download,
    ErrorInfo lastError,
    List<String> blocklist,
    List<SeasonStatus> seasons,
    List<Transition> transitions) {
  public RequestStatus {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
    seasons = seasons == null ? List.of() : List.copyOf(seasons);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }
}
