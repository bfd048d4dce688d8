package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporarr.worker.FailureReports;
import io.temporarr.worker.SandboxTestApp;
import io.temporarr.worker.TemporarrWorkerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the sandbox profile nothing falls back to the in-memory embedded server: without {@code
 * temporarr.temporal.mode} start-up stops naming the key, and an explicit {@code embedded} starts
 * with a warning that everything is lost on restart.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class ModeOutsideSandboxTest {

  @TempDir Path folder;

  @Test
  void anotherProfileWithoutAModeStopsStartUpNamingTheSetting() {
    Throwable failure =
        catchThrowable(
            () -> {
              try (ConfigurableApplicationContext app =
                  new SpringApplicationBuilder(TemporarrWorkerApplication.class)
                      .run(realServiceArgs())) {
                assertThat(app.isRunning()).as("it must not start").isFalse();
              }
            });

    assertThat(failure).isNotNull();
    assertThat(FailureReports.report(failure))
        .contains("Invalid Temporarr configuration: temporarr.temporal.mode: not set")
        .contains("TEMPORARR_TEMPORAL_MODE=external")
        .contains("TEMPORARR_TEMPORAL_MODE=embedded runs an in-memory server");
  }

  @Test
  void anExplicitEmbeddedModeStartsAndWarnsThatEverythingIsInMemory(CapturedOutput output) {
    List<String> args = new ArrayList<>(List.of(realServiceArgs()));
    args.add("--temporarr.temporal.mode=embedded");
    args.add("--temporarr.temporal.embedded.port=0");
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(args.toArray(String[]::new))) {
      assertThat(app.isRunning()).isTrue();
      assertThat(app.getBean(EmbeddedTemporalServer.class).port()).isPositive();
    }

    assertThat(output.getOut()).contains(TemporalConfiguration.IN_MEMORY_WARNING.substring(0, 80));
  }

  @Test
  void theSandboxProfileStaysEmbeddedWithoutTheWarning(CapturedOutput output) {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(
                "--server.port=" + SandboxTestApp.freePort(),
                "--temporarr.temporal.embedded.port=0",
                "--temporarr.sandbox.downloads-dir=" + folder.resolve("downloads"),
                "--temporarr.processing.library.movies=" + folder.resolve("movies"),
                "--temporarr.processing.library.tv=" + folder.resolve("tv"))) {
      assertThat(app.getBean(TemporalModeProperties.class).requireMode())
          .isEqualTo(TemporalModeProperties.Mode.EMBEDDED);
    }

    assertThat(output.getOut()).doesNotContain("outside the sandbox profile");
  }

  /** A worker for real services (profile {@code prod}) that names no Temporal mode. */
  private String[] realServiceArgs() {
    return new String[] {
      "--spring.profiles.active=prod",
      "--server.port=0",
      "--temporarr.download-clients.qbittorrent.base-url=http://127.0.0.1:9",
      "--temporarr.indexers.local.url=http://127.0.0.1:9/api",
      "--temporarr.indexers.local.api-key=key",
      "--temporarr.processing.library.movies=" + folder.resolve("movies"),
      "--temporarr.processing.library.tv=" + folder.resolve("tv"),
      "--temporarr.processing.library.create-missing=true",
      "--temporarr.health.integrations.interval=1h"
    };
  }
}
