package io.temporarr.workflows.policy;

import java.time.Duration;
import java.util.List;

/**
 * The worker's configured behaviour for a request, read once per run through a local activity (so
 * configuration changes apply to new runs, and replays see the recorded value).
 *
 * @param downloadClient the download client releases go to
 * @param notifiers names of the notifiers to send request events through
 * @param stallTimeout no download progress for this long = stalled
 * @param researchInterval wait between searches when nothing acceptable was found
 * @param wantedTimeout give up searching (→ NeedsAttention) after this long without a release
 * @param maxReleaseAttempts releases tried before the request needs attention
 * @param needsAttentionTimeout how long NeedsAttention waits for an operator before Failed
 * @param deleteFilesOnCancel remove partial files when a request is cancelled
 * @param maxWaitIterations continue-as-new after this many wait loops (bounded history)
 */
public record RequestPolicy(
    String downloadClient,
    List<String> notifiers,
    Duration stallTimeout,
    Duration researchInterval,
    Duration wantedTimeout,
    int maxReleaseAttempts,
    Duration needsAttentionTimeout,
    boolean deleteFilesOnCancel,
    int maxWaitIterations) {

  public RequestPolicy {
    notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
  }
}
