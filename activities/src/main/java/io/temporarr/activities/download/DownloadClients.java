package io.temporarr.activities.download;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.Map;
import okhttp3.Interceptor;

/** Answers every download client implementation gives the same way. */
public final class DownloadClients {

  private DownloadClients() {}

  /**
   * The instance configured under {@code name}. Failures: {@code ConfigurationError}
   * (non-retryable) when there is none: a request started under an older configuration can name a
   * client removed since.
   */
  public static <C> C named(Map<String, C> clients, String name, String product) {
    C client = name == null ? null : clients.get(name);
    if (client == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no " + product + " client is configured under the name " + name,
          ErrorTypes.CONFIGURATION);
    }
    return client;
  }

  /**
   * Every download is tagged with its request. Failures: {@code BadRequest} (non-retryable) when
   * the request names no workflow.
   */
  public static void requireWorkflowId(AddDownloadRequest request) {
    requireWorkflowId(request, "tag");
  }

  /**
   * As {@link #requireWorkflowId(AddDownloadRequest)}, for a client that calls tags {@code
   * tagNoun}.
   */
  public static void requireWorkflowId(AddDownloadRequest request, String tagNoun) {
    if (request == null || request.workflowId() == null || request.workflowId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "addDownload needs a workflow ID to " + tagNoun + " the download with",
          ErrorTypes.BAD_REQUEST);
    }
  }

  /** The status of a download the client does not list. */
  public static DownloadStatus missing(DownloadHandle handle, String product) {
    return new DownloadStatus(
        handle.client(),
        handle.id(),
        null,
        handle.name(),
        DownloadState.MISSING,
        0,
        0,
        null,
        null,
        "not listed by " + product);
  }

  /**
   * Sends {@code authorization} as the {@code Authorization} header of every call: the credentials
   * of one client instance (a Bearer API key, Basic auth).
   */
  public static Interceptor authorization(String authorization) {
    return chain ->
        chain.proceed(chain.request().newBuilder().header("Authorization", authorization).build());
  }
}
