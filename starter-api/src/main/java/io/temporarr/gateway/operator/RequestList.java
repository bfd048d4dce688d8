package io.temporarr.gateway.operator;

import io.temporarr.gateway.temporal.RequestSummary;
import java.util.List;

/**
 * Answer of {@code GET /api/requests}.
 *
 * @param state the state filter, or null for every request
 * @param nextPageToken pass as {@code pageToken} for the next page; null on the last page
 */
public record RequestList(String state, List<RequestSummary> requests, String nextPageToken) {}
