package io.temporarr.gateway.temporal;

/** How a webhook's signal or cancel was taken. */
public enum Acceptance {
  /** Temporal accepted it (for a cancel: the workflow also finished the update in time). */
  DELIVERED,
  /**
   * A cancel the workflow accepted but had not finished within {@code update-wait}; it runs on, and
   * its update ID is the cancel's event ID.
   */
  IN_PROGRESS,
  /** Temporal was unreachable (or earlier deliveries still wait): it is in the durable inbox. */
  QUEUED
}
