package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.temporarr.activities.processing.MediaProber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.RouterFunction;

@Timeout(30)
class SandboxConfigurationTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ValidationAutoConfiguration.class,
                  JacksonAutoConfiguration.class,
                  HttpMessageConvertersAutoConfiguration.class,
                  DispatcherServletAutoConfiguration.class,
                  WebMvcAutoConfiguration.class))
          .withUserConfiguration(SandboxConfiguration.class);

  @Test
  void nothingOfTheSandboxExistsUnlessEnabled() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(SandboxProperties.class);
          assertThat(context).doesNotHaveBean(RouterFunction.class);
          assertThat(context).doesNotHaveBean(MediaProber.class);
        });
    runner
        .withPropertyValues("temporarr.sandbox.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SandboxDownloadClient.class));
  }

  @Test
  void enabledItBindsItsDefaults() {
    runner
        .withPropertyValues("temporarr.sandbox.enabled=true")
        .run(
            context -> {
              SandboxProperties properties = context.getBean(SandboxProperties.class);
              assertThat(properties.downloadDuration()).isEqualTo(Duration.ofSeconds(20));
              assertThat(properties.downloadsDir())
                  .isEqualTo(
                      Path.of(
                          System.getProperty("java.io.tmpdir"), "temporarr-sandbox", "downloads"));
              assertThat(properties.releasesPerSearch()).isEqualTo(3);
              assertThat(properties.fileSize()).isEqualTo(DataSize.ofMegabytes(4));
              assertThat(properties.notificationsKept()).isEqualTo(200);
              assertThat(properties).isEqualTo(SandboxProperties.defaults());
            });
  }

  @Test
  void enabledItServesEverySimulatorThroughSpringMvc() {
    runner
        .withPropertyValues("temporarr.sandbox.enabled=true", "temporarr.sandbox.api-key=k")
        .run(
            context -> {
              MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
              assertThat(status(mvc, get("/sandbox/torznab/api?t=caps&apikey=k"))).isEqualTo(200);
              assertThat(status(mvc, get("/sandbox/torznab/api?t=caps&apikey=other")))
                  .isEqualTo(401);
              assertThat(status(mvc, post("/sandbox/qbittorrent/api/v2/auth/login")))
                  .isEqualTo(200);
              assertThat(status(mvc, post("/sandbox/jellyfin/Library/Refresh"))).isEqualTo(401);
              assertThat(status(mvc, post("/sandbox/ntfy/t").content("hello"))).isEqualTo(200);
              String list =
                  mvc.perform(get("/sandbox/notifications").accept(MediaType.APPLICATION_JSON))
                      .andReturn()
                      .getResponse()
                      .getContentAsString();
              assertThat(list).contains("\"message\":\"hello\"", "\"receivedAt\":\"20");
            });
  }

  @Test
  void theSimulatorsAnswerLoopbackClientsOnly() {
    runner
        .withPropertyValues("temporarr.sandbox.enabled=true")
        .run(
            context -> {
              MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
              for (String remote : List.of("192.0.2.10", "10.0.0.5", "::ffff:192.168.1.20")) {
                var fromTheNetwork = loginFrom(mvc, remote);
                assertThat(fromTheNetwork.getStatus()).as(remote).isEqualTo(403);
                assertThat(fromTheNetwork.getContentAsString()).contains("loopback clients only");
              }
              for (String local : List.of("127.0.0.1", "::1")) {
                assertThat(loginFrom(mvc, local).getStatus()).as(local).isEqualTo(200);
              }
            });
  }

  private static MockHttpServletResponse loginFrom(MockMvc mvc, String remoteAddress)
      throws Exception {
    return mvc.perform(
            post("/sandbox/qbittorrent/api/v2/auth/login")
                .with(
                    request -> {
                      request.setRemoteAddr(remoteAddress);
                      return request;
                    }))
        .andReturn()
        .getResponse();
  }

  @Test
  void invalidSettingsStopTheStart() {
    runner
        .withPropertyValues(
            "temporarr.sandbox.enabled=true", "temporarr.sandbox.releases-per-search=5")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("temporarr.sandbox.enabled=true", "temporarr.sandbox.file-size=2GB")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues(
            "temporarr.sandbox.enabled=true", "temporarr.sandbox.download-duration=-1s")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("temporarr.sandbox.enabled=true", "temporarr.sandbox.password=p")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void theSimulatedProberCanBeForcedOrRefused() {
    runner
        .withPropertyValues(
            "temporarr.sandbox.enabled=true", "temporarr.sandbox.simulated-probe=always")
        .run(context -> assertThat(context).hasSingleBean(SandboxMediaProber.class));
    runner
        .withPropertyValues(
            "temporarr.sandbox.enabled=true", "temporarr.sandbox.simulated-probe=never")
        .run(context -> assertThat(context).doesNotHaveBean(MediaProber.class));
  }

  @Test
  void ffprobeIsFoundOnlyAsAnExecutableOnThePath(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.createFile(
        bin.resolve("ffprobe"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path notExecutable = Files.createDirectory(dir.resolve("plain"));
    Files.createFile(notExecutable.resolve("ffprobe"));

    assertThat(SandboxFfprobeMissingCondition.ffprobeOnPath(empty + ":" + bin)).isTrue();
    assertThat(SandboxFfprobeMissingCondition.ffprobeOnPath(empty + "::" + notExecutable))
        .isFalse();
    assertThat(SandboxFfprobeMissingCondition.ffprobeOnPath(null)).isFalse();
    assertThat(SandboxFfprobeMissingCondition.ffprobeOnPath("")).isFalse();
  }

  @Test
  void thePropertiesNeverPrintTheirSecrets() {
    SandboxProperties properties =
        new SandboxProperties(
            true,
            Duration.ZERO,
            null,
            1,
            DataSize.ofKilobytes(1),
            Duration.ofMinutes(1),
            "key-1",
            "user-1",
            "pass-1",
            "token-1",
            1,
            SandboxProperties.SimulatedProbe.NEVER);

    assertThat(properties.toString())
        .doesNotContain("key-1", "user-1", "pass-1", "token-1")
        .contains("***");
  }

  private static int status(
      MockMvc mvc, org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }
}
