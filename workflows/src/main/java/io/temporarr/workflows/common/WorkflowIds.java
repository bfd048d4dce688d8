package io.temporarr.workflows.common;

import java.util.regex.Pattern;

/**
 * Workflow ID scheme: {@code media-request:<source>:<sourceRequestId>}, a season child {@code
 * <parent>:s<season>}, one download monitor per client {@code download-monitor:<client>}. IDs are
 * built only from natural keys (never secrets or personal data), so a repeated delivery of the same
 * request maps to the same workflow.
 */
public final class WorkflowIds {
  public static final String MEDIA_REQUEST_PREFIX = "media-request:";
  public static final String DOWNLOAD_MONITOR_PREFIX = "download-monitor:";

  private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern CLIENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private WorkflowIds() {}

  /**
   * @throws IllegalArgumentException when the source or its request ID holds characters outside the
   *     allowed sets (lower-case source name; letters, digits, dot, dash, underscore for the ID)
   */
  public static String mediaRequest(String source, String sourceRequestId) {
    if (source == null || !SOURCE.matcher(source).matches()) {
      throw new IllegalArgumentException("source must match " + SOURCE.pattern());
    }
    if (sourceRequestId == null || !SOURCE_ID.matcher(sourceRequestId).matches()) {
      throw new IllegalArgumentException("sourceRequestId must match " + SOURCE_ID.pattern());
    }
    return MEDIA_REQUEST_PREFIX + source + ":" + sourceRequestId;
  }

  /** The child workflow that handles one season of a TV request. */
  public static String season(String parentWorkflowId, int season) {
    if (season < 0 || season > 999) {
      throw new IllegalArgumentException("season must be between 0 and 999");
    }
    return parentWorkflowId + ":s" + season;
  }

  /** The single monitor that polls one download client for every active download. */
  public static String downloadMonitor(String client) {
    if (client == null || !CLIENT.matcher(client).matches()) {
      throw new IllegalArgumentException("client name must match " + CLIENT.pattern());
    }
    return DOWNLOAD_MONITOR_PREFIX + client;
  }

  /** True for IDs of request workflows and their season children (used to route download tags). */
  public static boolean isMediaRequest(String workflowId) {
    return workflowId != null && workflowId.startsWith(MEDIA_REQUEST_PREFIX);
  }
}
