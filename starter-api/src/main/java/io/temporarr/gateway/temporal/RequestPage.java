package io.temporarr.gateway.temporal;

import java.util.List;

/**
 * One page of a visibility list.
 *
 * @param nextPageToken opaque token of the next page, or null on the last page
 */
public record RequestPage(List<RequestSummary> requests, byte[] nextPageToken) {
  public RequestPage {
    requests = List.copyOf(requests);
  }
}
