package io.temporarr.workflows.processing;

import java.util.List;

/**
 * @param libraryPath folder the files landed in (what the media server should rescan)
 */
public record ImportResult(String libraryPath, List<ImportedFile> files) {
  public ImportResult {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
