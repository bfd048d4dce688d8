package io.temporarr.activities.processing;

import java.nio.file.Path;

/**
 * Reads the technical facts of one media file (ffprobe in production; a worker without ffprobe may
 * substitute a clearly named sandbox implementation).
 *
 * <p>Input: a local regular file. Output: what the tool reported, never a verdict (that is {@link
 * MediaVerifier}'s job); an unreadable or corrupt file is a {@link ProbeResult} with a non-zero
 * exit code, not an exception. Idempotent: read-only. Failures: {@code ConfigurationError}
 * (non-retryable) when the tool cannot be started; a retryable failure when it does not finish in
 * time.
 */
public interface MediaProber {

  ProbeResult probe(Path file);
}
