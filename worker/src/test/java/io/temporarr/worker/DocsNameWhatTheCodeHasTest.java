package io.temporarr.worker;

import io.temporarr.activities.testing.docs.DocsCheck;
import org.junit.jupiter.api.Test;

/**
 * The docs name every Maven module and every key of the worker, so adding one without a line in the
 * docs fails here; each check is also shown failing on the real document with one name taken out.
 * The gateway checks its keys and endpoints the same way.
 */
class DocsNameWhatTheCodeHasTest {

  @Test
  void architectureNamesEveryMavenModule() throws Exception {
    DocsCheck.mavenModules().assertNamedIn("architecture.md", "benchmarks", "benchmarks");
  }

  @Test
  void configurationNamesEveryKeyOfTheWorker() throws Exception {
    DocsCheck.configurationKeys(TemporarrWorkerApplication.class)
        .assertNamedIn("configuration.md", "stall-timeout", "temporarr.requests.stall-timeout");
  }
}
