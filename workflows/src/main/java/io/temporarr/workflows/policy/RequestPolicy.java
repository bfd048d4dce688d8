package io.temporarr.workflows.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.temporarr.workflows.search.Protocol;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's configured behaviour for a request, read once per run through a local activity (so
 * configuration changes apply to new runs, and replays see the recorded value).
 *
 * @param downloadClient the download client releases go to when {@code clientsByProtocol} names
 *     none for the release's protocol
 * @param notifiers names of the notifiers to send request events through
 * @param stallTimeout no download progress for this long = stalled
 * @param researchInterval wait between searches when nothing acceptable was found
 * @param wantedTimeout give up searching (→ NeedsAttention) after this long without a release
 * @param maxReleaseAttempts releases tried before the request needs attention
 * @param needsAttentionTimeout how long NeedsAttention waits for an operator before Failed
 * @param deleteFilesOnCancel remove partial files when a request is cancelled
 * @param maxWaitIterations continue-as-new after this many wait loops (bounded history)
 * @param clientsByProtocol the download client for each protocol (torrent → qBittorrent or
 *     Transmission, usenet → SABnzbd); empty in histories recorded before it existed
 * @param queuedTimeout how long a download may wait queued or paused in its client before the
 *     request needs attention (never a stall: nothing is removed); null (and then not written, so
 *     policies without it serialize as before) means {@link #DEFAULT_QUEUED_TIMEOUT}: see {@link
 *     #queuedTimeoutOrDefault()}
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
    int maxWaitIterations,
    Map<Protocol, String> clientsByProtocol,
    @JsonInclude(JsonInclude.Include.NON_NULL) Duration queuedTimeout) {

  /** The queued timeout of policies that do not say (recorded before it existed). */
  public static final Duration DEFAULT_QUEUED_TIMEOUT = Duration.ofDays(7);

  public RequestPolicy {
    notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
    clientsByProtocol =
        clientsByProtocol == null || clientsByProtocol.isEmpty()
            ? Map.of()
            : Map.copyOf(new EnumMap<>(clientsByProtocol));
  }

  /** A policy with the default queued timeout. */
  public RequestPolicy(
      String downloadClient,
      List<String> notifiers,
      Duration stallTimeout,
      Duration researchInterval,
      Duration wantedTimeout,
      int maxReleaseAttempts,
      Duration needsAttentionTimeout,
      boolean deleteFilesOnCancel,
      int maxWaitIterations,
      Map<Protocol, String> clientsByProtocol) {
    this(
        downloadClient,
        notifiers,
        stallTimeout,
        researchInterval,
        wantedTimeout,
        maxReleaseAttempts,
        needsAttentionTimeout,
        deleteFilesOnCancel,
        maxWaitIterations,
        clientsByProtocol,
        null);
  }

  /** A policy sending every protocol to one client. */
  public RequestPolicy(
      String downloadClient,
      List<String> notifiers,
      Duration stallTimeout,
      Duration researchInterval,
      Duration wantedTimeout,
      int maxReleaseAttempts,
      Duration needsAttentionTimeout,
      boolean deleteFilesOnCancel,
      int maxWaitIterations) {
    this(
        downloadClient,
        notifiers,
        stallTimeout,
        researchInterval,
        wantedTimeout,
        maxReleaseAttempts,
        needsAttentionTimeout,
        deleteFilesOnCancel,
        maxWaitIterations,
        Map.of());
  }

  /** The queued timeout, {@link #DEFAULT_QUEUED_TIMEOUT} when the policy does not say. */
  public Duration queuedTimeoutOrDefault() {
    return queuedTimeout == null ? DEFAULT_QUEUED_TIMEOUT : queuedTimeout;
  }

  /** The same policy with another queued timeout. */
  public RequestPolicy withQueuedTimeout(Duration timeout) {
    return new RequestPolicy(
        downloadClient,
        notifiers,
        stallTimeout,
        researchInterval,
        wantedTimeout,
        maxReleaseAttempts,
        needsAttentionTimeout,
        deleteFilesOnCancel,
        maxWaitIterations,
        clientsByProtocol,
        timeout);
  }

  /** The client a release of this protocol is sent to. */
  public String clientFor(Protocol protocol) {
    String client = protocol == null ? null : clientsByProtocol.get(protocol);
    return client != null ? client : downloadClient;
  }
}
