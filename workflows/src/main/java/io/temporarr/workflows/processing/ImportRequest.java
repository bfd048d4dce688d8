package io.temporarr.workflows.processing;

import io.temporarr.workflows.common.MediaType;
import java.util.List;

/**
 * Import verified files into the library.
 *
 * @param season season number for TV, null for movies
 * @param quality quality label used by the naming template
 */
public record ImportRequest(
    String workflowId,
    MediaType mediaType,
    String title,
    Integer year,
    Integer season,
    String quality,
    List<MediaFile> files) {
  public ImportRequest {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
