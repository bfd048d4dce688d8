package io.temporarr.gateway.inbox;

/** Hands one inbox entry to Temporal; implemented by the Temporal adapter, faked in tests. */
@FunctionalInterface
public interface InboxDelivery {

  /**
   * Delivers {@code entry}. Must be idempotent: an entry can be delivered twice when the gateway
   * stops between the delivery and the removal of the entry.
   *
   * <p>Returns normally when Temporal has the start or signal, and also when the entry turned out
   * to need nothing (the request already completed, a cancel for a request that is not running).
   *
   * @throws DeliveryFailure saying whether to try again (and how) or to give the entry up
   */
  void deliver(InboxEntry entry) throws DeliveryFailure;
}
