package io.temporarr.gateway.temporal;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.workflows.request.MediaRequestInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/** Shared pieces of the tests of the Temporal adapter's inbox paths. */
final class InboxTestSupport {
  static final String WORKFLOW_ID = "media-request:seerr:42";

  private InboxTestSupport() {}

  static GatewayProperties properties() {
    return new GatewayProperties(
        new GatewayProperties.Seerr("seerr"),
        new GatewayProperties.Qbittorrent("qbt"),
        new GatewayProperties.Operator("operator"),
        DataSize.ofMegabytes(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        new GatewayProperties.Events(List.of("whsec_unused")),
        new GatewayProperties.Json(32, 65536),
        new GatewayProperties.RateLimits(null, null, null, null),
        new GatewayProperties.Ssrf(List.of()));
  }

  static ObjectProvider<InboxStore> provider(InboxStore store) {
    StaticListableBeanFactory beans =
        store == null
            ? new StaticListableBeanFactory()
            : new StaticListableBeanFactory(Map.of("inboxStore", store));
    return beans.getBeanProvider(InboxStore.class);
  }

  static MediaRequestInput approval() {
    return MediaRequestInput.tv("seerr", "42", "Severance", 2022, 95396, 371980, List.of(1, 2))
        .withRequester("alice", "corr-1", "seerr:42:MEDIA_APPROVED");
  }

  static WorkflowServiceException grpc(Status status) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
        RequestWorkflows.WORKFLOW_TYPE,
        status.asRuntimeException());
  }
}
