package io.temporarr.workflows.request;

/** Actions accepted by the {@code requestAction} signal (batch operations by list query). */
public enum ActionKind {
  RETRY,
  SKIP_RELEASE,
  CANCEL
}
