package io.temporarr.gateway.inbox;

import java.time.Instant;

/**
 * One delivery waiting in the inbox.
 *
 * @param sequence position in the inbox; entries are delivered in ascending sequence
 * @param eventId the event's ID: the inbox holds an event ID at most once
 * @param payload JSON of the start input or signal payload (never credentials)
 * @param attempts failed delivery attempts so far
 * @param lastError why the last attempt failed (no payload content), or null
 * @param correlationId the correlation ID of the request that was accepted, or null (older entries)
 */
public record InboxEntry(
    long sequence,
    InboxKind kind,
    String workflowId,
    String eventId,
    String payload,
    Instant enqueuedAt,
    int attempts,
    String lastError,
    String correlationId) {

  /** An entry without a correlation ID. */
  public InboxEntry(
      long sequence,
      InboxKind kind,
      String workflowId,
      String eventId,
      String payload,
      Instant enqueuedAt,
      int attempts,
      String lastError) {
    this(sequence, kind, workflowId, eventId, payload, enqueuedAt, attempts, lastError, null);
  }

  /** Leaves the payload out, so that logging an entry never prints request content. */
  @Override
  public String toString() {
    return "InboxEntry[sequence="
        + sequence
        + ", kind="
        + kind.code()
        + ", workflowId="
        + workflowId
        + ", eventId="
        + eventId
        + ", attempts="
        + attempts
        + "]";
  }
}
