package io.temporarr.workflows.request.internal;

import io.temporal.failure.ActivityFailure;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import io.temporarr.workflows.request.MediaRequestInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The Process stage of one request: the verified media of the current download, then where its
 * files were imported. Verification and import are two steps, so an operator action that arrives in
 * between is applied before anything lands in the library.
 */
final class MediaImport {
  private final ProcessingActivities processing;
  private final String workflowId;
  private final MediaRequestInput input;
  private final List<String> importedFiles = new ArrayList<>();
  private VerifiedMedia verified;
  private String libraryPath;

  MediaImport(ProcessingActivities processing, String workflowId, MediaRequestInput input) {
    this.processing = processing;
    this.workflowId = workflowId;
    this.input = input;
  }

  boolean isVerified() {
    return verified != null;
  }

  /**
   * Verifies the downloaded files.
   *
   * @return false when they hold no video file (the release is at fault)
   * @throws ActivityFailure when verification failed
   */
  boolean verify(String contentPath) {
    VerifiedMedia media =
        processing.verifyDownload(
            new VerifyRequest(workflowId, contentPath, input.runtimeMinutes()));
    if (media.files().isEmpty()) {
      return false;
    }
    verified = media;
    return true;
  }

  /**
   * Imports the verified files into the library.
   *
   * @return what was imported where, for the audit log
   * @throws ActivityFailure when the import failed
   */
  String importVerified(String quality) {
    ImportResult result =
        processing.importMedia(
            new ImportRequest(
                workflowId,
                input.mediaType(),
                input.title(),
                input.year(),
                input.season(),
                quality,
                verified.files()));
    libraryPath = result.libraryPath();
    importedFiles.clear();
    result.files().stream().map(ImportedFile::target).forEach(importedFiles::add);
    return importedFiles.size() + " file(s) into " + libraryPath;
  }

  /** Another release is tried: what was verified belongs to the previous one. */
  void forgetVerified() {
    verified = null;
  }

  /** The library folder the media was imported into, or null before the import. */
  String libraryPath() {
    return libraryPath;
  }

  List<String> importedFiles() {
    return importedFiles;
  }
}
