package io.temporarr.workflows.policy;

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
    Map<Protocol, String> clientsByProtocol) {

  public RequestPolicy {
    notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
    clientsByProtocol =
        clientsByProtocol == null || clientsByProtocol.isEmpty()
            ? Map.of()
            : Map.copyOf(new EnumMap<>(clientsByProtocol));
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

  /** The client a release of this protocol is sent to. */
  public String clientFor(Protocol protocol) {
    String client = protocol == null ? null : clientsByProtocol.get(protocol);
    return client != null ? client : downloadClient;
  }
}
