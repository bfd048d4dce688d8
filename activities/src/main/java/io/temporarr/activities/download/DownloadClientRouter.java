package io.temporarr.activities.download;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one {@link DownloadActivities} registered with the worker: sends each call to the client
 * implementation (qBittorrent, Transmission, SABnzbd) that serves the named download client.
 * Idempotency is that of the client implementation it routes to; routing itself has no effect.
 */
public final class DownloadClientRouter implements DownloadActivities {

  private final Map<String, DownloadActivities> byClient;

  /**
   * @param byClient client name → the implementation serving it
   */
  public DownloadClientRouter(Map<String, ? extends DownloadActivities> byClient) {
    this.byClient = Map.copyOf(new LinkedHashMap<>(byClient));
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    return route(request.client()).addDownload(request);
  }

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    return route(handle.client()).downloadStatus(handle);
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    route(handle.client()).removeDownload(handle, deleteFiles);
  }

  @Override
  public DownloadChanges pollDownloads(String client, long cursor) {
    return route(client).pollDownloads(client, cursor);
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    route(handle.client()).retireDownload(handle);
  }

  @Override
  public List<String> removeSeeded(String client) {
    return route(client).removeSeeded(client);
  }

  private DownloadActivities route(String client) {
    DownloadActivities target = client == null ? null : byClient.get(client);
    if (target == null) {
      // A request started under an older configuration can name a client removed since.
      throw ApplicationFailure.newNonRetryableFailure(
          "download client '"
              + client
              + "' is not configured on this worker; configured: "
              + byClient.keySet().stream().sorted().toList(),
          ErrorTypes.CONFIGURATION);
    }
    return target;
  }
}
