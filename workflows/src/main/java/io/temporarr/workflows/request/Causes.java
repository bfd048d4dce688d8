package io.temporarr.workflows.request;

/**
 * Causes written to the audit log ({@link Transition#cause()}) and workflow-level failure types in
 * {@link ErrorInfo#type()} (activity failure types come from {@code ErrorTypes}). Machine-friendly,
 * stable: operators filter and alert on them.
 */
public final class Causes {
  // Lifecycle.
  public static final String REQUEST_STARTED = "request-started";
  public static final String RELEASE_FOUND = "release-found";
  public static final String WANTED = "wanted";
  public static final String DOWNLOAD_ADDED = "download-added";
  public static final String DOWNLOAD_COMPLETED = "download-completed";

  /** The client holds the download back (queued, paused): the stall clock stands still. */
  public static final String DOWNLOAD_WAITING = "download-waiting";

  public static final String IMPORTED = "imported";
  public static final String NOTIFIED = "notified";
  public static final String SEASONS_STARTED = "seasons-started";
  public static final String SEASONS_FINISHED = "seasons-finished";
  public static final String CONTINUED_AS_NEW = "continued-as-new";

  // Release faults decided by the workflow (activity faults use the ErrorTypes names).
  public static final String STALLED = "stalled";
  public static final String DOWNLOAD_FAILED = "download-failed";
  public static final String DOWNLOAD_MISSING = "download-missing";

  // Reasons to need attention or fail.
  public static final String NO_RELEASE = "no-release";
  public static final String RELEASE_ATTEMPTS_EXHAUSTED = "release-attempts-exhausted";

  /** Queued or paused in the client for longer than the queued timeout (nothing is removed). */
  public static final String QUEUED_TOO_LONG = "queued-too-long";

  public static final String ATTENTION_TIMEOUT = "needs-attention-timeout";
  public static final String SEASONS_INCOMPLETE = "seasons-incomplete";

  // Side effects that failed without failing the request.
  public static final String NOTIFIER_FAILED = "notifier-failed";
  public static final String LIBRARY_UPDATE_FAILED = "library-update-failed";
  public static final String REMOVE_FAILED = "remove-failed";
  public static final String DOWNLOAD_REMOVED = "download-removed";
  public static final String DOWNLOAD_RETIRED = "download-retired";

  // Operators.
  public static final String OPERATOR_RETRY = "operator-retry";
  public static final String OPERATOR_SKIP = "operator-skip";
  public static final String OPERATOR_CHOICE = "operator-choice";
  public static final String OPERATOR_CANCEL = "operator-cancel";
  public static final String WORKFLOW_CANCELLED = "workflow-cancelled";
  public static final String ACTION_REJECTED = "action-rejected";
  public static final String ACTION_IGNORED = "action-ignored";

  private Causes() {}
}
