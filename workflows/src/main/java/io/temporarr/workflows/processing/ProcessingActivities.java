package io.temporarr.workflows.processing;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Port: verification of finished downloads and import into the library. */
@ActivityInterface
public interface ProcessingActivities {

  /**
   * Runs ffprobe on every candidate video file and returns the main file(s). A file passes only
   * with exit code 0, empty stderr at {@code -v error}, a duration matching the expected runtime
   * (when given) and a video packet count close to duration × frame rate (a truncated MKV passes
   * the exit-code check alone).
   *
   * <p>Idempotent: read-only. Failures: {@code CorruptMedia}, {@code NoVideoFile} (non-retryable).
   */
  @ActivityMethod
  VerifiedMedia verifyDownload(VerifyRequest request);

  /**
   * Hardlinks (fallback: copies) the files into the library under the naming template.
   *
   * <p>Idempotent: a target that already exists with the same size and content is reported as
   * {@code existing}; a different file at the target is never overwritten ({@code ImportConflict},
   * non-retryable). Copies go to a temporary name first and are moved into place atomically.
   */
  @ActivityMethod
  ImportResult importMedia(ImportRequest request);
}
