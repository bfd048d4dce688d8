package io.temporarr.workflows.common;

import java.util.Set;

/**
 * Activity type names of the ports: the SDK default (method name with its first letter upper-case).
 * The worker's declarative per-activity-type options ({@code temporarr.activities.<type>}) are
 * keyed by these names and validated against {@link #ALL}; the only place these strings may appear.
 */
public final class ActivityTypes {
  public static final String SEARCH = "Search";
  public static final String ADD_DOWNLOAD = "AddDownload";
  public static final String DOWNLOAD_STATUS = "DownloadStatus";
  public static final String REMOVE_DOWNLOAD = "RemoveDownload";
  public static final String POLL_DOWNLOADS = "PollDownloads";
  public static final String RETIRE_DOWNLOAD = "RetireDownload";
  public static final String REMOVE_SEEDED = "RemoveSeeded";
  public static final String VERIFY_DOWNLOAD = "VerifyDownload";
  public static final String IMPORT_MEDIA = "ImportMedia";
  public static final String SEND_NOTIFICATION = "SendNotification";
  public static final String REFRESH_LIBRARY = "RefreshLibrary";
  public static final String MARK_AVAILABLE = "MarkAvailable";

  /** The one local activity (configuration read once per run). */
  public static final String REQUEST_POLICY = "RequestPolicy";

  public static final Set<String> ALL =
      Set.of(
          SEARCH,
          ADD_DOWNLOAD,
          DOWNLOAD_STATUS,
          REMOVE_DOWNLOAD,
          POLL_DOWNLOADS,
          RETIRE_DOWNLOAD,
          REMOVE_SEEDED,
          VERIFY_DOWNLOAD,
          IMPORT_MEDIA,
          SEND_NOTIFICATION,
          REFRESH_LIBRARY,
          MARK_AVAILABLE,
          REQUEST_POLICY);

  private ActivityTypes() {}
}
