package io.temporarr.workflows.notify;

/** Request events notifiers can subscribe to. */
public enum RequestEvent {
  STARTED,
  NEEDS_ATTENTION,
  FAILED,
  COMPLETED
}
