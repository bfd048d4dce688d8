package io.temporarr.gateway.temporal;

/** How a webhook's signal or cancel was taken. */
public enum Acceptance {
  /** Temporal accepted it. */
  DELIVERED,
  /** Temporal was unreachable (or earlier deliveries still wait): it is in the durable inbox. */
  QUEUED
}
