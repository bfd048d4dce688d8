package io.temporarr.workflows.request;

import java.util.List;

/** Result of a request workflow. */
public record MediaRequestResult(
    String workflowId, RequestState state, String release, List<String> importedFiles) {
  public MediaRequestResult {
    importedFiles = importedFiles == null ? List.of() : List.copyOf(importedFiles);
  }
}
