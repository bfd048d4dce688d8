package io.temporarr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.testing.docs.ConfigurationKeys;
import io.temporarr.activities.testing.docs.DocsCheck;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * The docs name every Maven module and every key of the worker: adding one without a line in the
 * docs fails here. The gateway checks its own keys and endpoints the same way.
 */
class DocsNameWhatTheCodeHasTest {

  @Test
  void architectureNamesEveryMavenModule() throws Exception {
    List<String> modules = DocsCheck.mavenModules();
    String architecture = DocsCheck.read("architecture.md");

    assertThat(modules).contains("workflows", "benchmarks");
    assertThat(DocsCheck.modulesMissing(modules, architecture))
        .as("modules of pom.xml that docs/architecture.md does not name in backticks")
        .isEmpty();
    assertThat(DocsCheck.modulesMissing(modules, architecture.replace("`benchmarks`", "")))
        .containsExactly("benchmarks");
  }

  @Test
  void configurationNamesEveryKeyOfTheWorker() throws Exception {
    SortedSet<String> keys = ConfigurationKeys.of(TemporarrWorkerApplication.class);
    String configuration = DocsCheck.read("configuration.md");

    assertThat(keys).contains("temporarr.requests.stall-timeout", "temporarr.indexers.<name>.url");
    assertThat(DocsCheck.keysMissing(keys, configuration))
        .as("worker keys that docs/configuration.md does not name (add each with its default)")
        .isEmpty();
    assertThat(DocsCheck.keysMissing(keys, configuration.replaceAll("`[\\w.]*stall-timeout`", "")))
        .containsExactly("temporarr.requests.stall-timeout");
  }
}
