package io.temporarr.workflows.search;

import java.util.List;

/**
 * Result of a search over every configured indexer.
 *
 * @param accepted releases that passed the filter, best first
 * @param rejected releases the filter dropped, with the reason
 */
public record SearchResult(List<Release> accepted, List<Rejection> rejected) {
  public SearchResult {
    accepted = accepted == null ? List.of() : List.copyOf(accepted);
    rejected = rejected == null ? List.of() : List.copyOf(rejected);
  }
}
