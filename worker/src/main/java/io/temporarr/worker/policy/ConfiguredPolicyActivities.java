package io.temporarr.worker.policy;

import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.search.Protocol;
import java.util.Map;

/**
 * {@link PolicyActivities} from {@code temporarr.requests.*}. Idempotent: it only reads the
 * configuration the worker started with. Movies and TV share one policy today; the media type is
 * part of the port so they can diverge without changing workflows.
 */
public final class ConfiguredPolicyActivities implements PolicyActivities {

  private final RequestPolicy policy;

  public ConfiguredPolicyActivities(RequestProperties properties) {
    this(properties, Map.of());
  }

  /**
   * @param clientsByProtocol the download client for each protocol; a protocol missing here goes to
   *     {@code temporarr.requests.download-client}
   */
  public ConfiguredPolicyActivities(
      RequestProperties properties, Map<Protocol, String> clientsByProtocol) {
    this.policy =
        new RequestPolicy(
            properties.downloadClient(),
            properties.notifiers(),
            properties.stallTimeout(),
            properties.researchInterval(),
            properties.wantedTimeout(),
            properties.maxReleaseAttempts(),
            properties.needsAttentionTimeout(),
            properties.deleteFilesOnCancel(),
            properties.maxWaitIterations(),
            clientsByProtocol,
            properties.queuedTimeout());
  }

  @Override
  public RequestPolicy requestPolicy(MediaType mediaType) {
    return policy;
  }
}
