package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.workflows.common.SearchAttributes;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** External mode's registration against the real dev server, which lists attributes. */
@Tag("real-stack")
@Timeout(120)
class SearchAttributeRegistrarRealStackTest {

  @TempDir Path folder;

  @Test
  void addsOnlyWhatTheServerLacksAndIsANoOpAfterwards() throws Exception {
    try (TemporalDevServer server = TemporalDevServer.start(folder);
        TestTemporal temporal = new TestTemporal(server.address())) {
      server.cli("operator", "search-attribute", "remove", "--name", "TmdbId", "--yes");
      SearchAttributeRegistrar registrar =
          new SearchAttributeRegistrar(temporal.operator, TestTemporal.NAMESPACE);

      assertThat(registrar.registerMissing(SearchAttributes.ALL)).containsExactly("TmdbId");
      assertThat(registrar.registerMissing(SearchAttributes.ALL)).isEmpty();
      assertThat(server.cli("operator", "search-attribute", "list"))
          .containsPattern("TmdbId\\s+Int");
    }
  }
}
