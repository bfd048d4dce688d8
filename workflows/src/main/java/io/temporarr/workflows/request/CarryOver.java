package io.temporarr.workflows.request;

import java.util.List;

/**
 * What a request run hands to its continuation (continue-as-new) so nothing learned is lost.
 *
 * @param blocklist release keys never to try again
 * @param releaseAttempts releases tried so far
 * @param appliedEventIds recent signal event ids already applied (bounded)
 * @param transitions the audit log so far (bounded to the most recent entries)
 * @param searchingSince ISO-8601 instant the wanted-monitoring started, or null
 */
public record CarryOver(
    List<String> blocklist,
    int releaseAttempts,
    List<String> appliedEventIds,
    List<Transition> transitions,
    String searchingSince) {
  public CarryOver {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
    appliedEventIds = appliedEventIds == null ? List.of() : List.copyOf(appliedEventIds);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }
}
