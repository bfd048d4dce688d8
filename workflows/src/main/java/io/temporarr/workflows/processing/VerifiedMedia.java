package io.temporarr.workflows.processing;

import java.util.List;

/** The main video file(s) of a download that passed verification, largest first. */
public record VerifiedMedia(List<MediaFile> files) {
  public VerifiedMedia {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
