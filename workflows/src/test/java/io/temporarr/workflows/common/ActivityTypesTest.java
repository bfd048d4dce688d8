package io.temporarr.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.search.SearchActivities;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ActivityTypesTest {

  @Test
  void constantsAreExactlyTheActivityTypesTheSdkDerivesFromThePorts() {
    var derived =
        Stream.of(
                SearchActivities.class,
                DownloadActivities.class,
                ProcessingActivities.class,
                NotificationActivities.class,
                LibraryActivities.class,
                PolicyActivities.class)
            .flatMap(
                port ->
                    POJOActivityInterfaceMetadata.newInstance(port).getMethodsMetadata().stream())
            .map(POJOActivityMethodMetadata::getActivityTypeName)
            .toList();

    assertThat(derived).containsExactlyInAnyOrderElementsOf(ActivityTypes.ALL);
    assertThat(ActivityTypes.ALL)
        .contains(ActivityTypes.SEARCH, ActivityTypes.REQUEST_POLICY, ActivityTypes.POLL_DOWNLOADS);
  }
}
