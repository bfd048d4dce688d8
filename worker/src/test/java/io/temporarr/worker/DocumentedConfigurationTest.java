package io.temporarr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.worker.temporal.TemporalModeProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every {@code yaml} example in docs/configuration.md starts the worker the way the document tells
 * users to run it ({@code SPRING_PROFILES_ACTIVE=prod …
 * --spring.config.additional-location=file:…}): an example that no longer binds or validates fails
 * here, not on a user's machine.
 *
 * <p>Only what cannot hold on a test machine is overridden, as command-line arguments: the values
 * of {@code ${…}} placeholders (the document's secrets come from the environment), library folders
 * (created at start-up) and, for examples that do not set one, an unreachable Temporal target
 * (start-up keeps retrying in the background, which is the behaviour the worker promises).
 */
@Timeout(300)
class DocumentedConfigurationTest {

  private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  @TempDir Path folder;

  static Stream<Arguments> examples() throws IOException {
    String document = Files.readString(DOCUMENT);
    List<Arguments> examples = new ArrayList<>();
    Matcher block = YAML_BLOCK.matcher(document);
    while (block.find()) {
      String yaml = block.group(1);
      if (!yaml.contains("temporarr:") || yaml.contains("gateway:")) {
        continue; // another program's settings (the gateway has its own tests)
      }
      int line = document.substring(0, block.start()).split("\n", -1).length;
      examples.add(Arguments.of("configuration.md line " + line, yaml));
    }
    return examples.stream();
  }

  @Test
  void theDocumentHasTheFullStackExample() throws IOException {
    assertThat(fullStack())
        .contains("prowlarr")
        .contains("qbittorrent")
        .contains("jellyfin:")
        .contains("type: ntfy")
        .contains("seerr:");
  }

  /** The first example: Prowlarr + qBittorrent + Jellyfin + ntfy + Seerr. */
  private static String fullStack() throws IOException {
    return examples()
        .map(example -> (String) example.get()[1])
        .filter(yaml -> yaml.contains("download-clients:") && yaml.contains("seerr:"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("docs/configuration.md lost its full-stack example"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleStartsTheWorker(String where, String yaml) throws Exception {
    // A smaller example is a block to add to a configuration: it is layered over the full stack.
    Path base = folder.resolve("full-stack.yml");
    Files.writeString(base, fullStack());
    Path file = folder.resolve("worker.yml");
    Files.writeString(file, yaml);
    List<String> args = new ArrayList<>();
    args.add("--spring.profiles.active=prod");
    args.add(
        "--spring.config.additional-location=file:"
            + base.toAbsolutePath()
            + ",file:"
            + file.toAbsolutePath());
    args.add("--server.port=" + freePort());
    args.add("--temporarr.processing.library.movies=" + folder.resolve("movies"));
    args.add("--temporarr.processing.library.tv=" + folder.resolve("tv"));
    args.add("--temporarr.health.integrations.interval=1h");
    if (!yaml.contains("mode: external")) {
      args.add("--temporarr.temporal.mode=external");
    }
    // Nothing listens there: the worker must start anyway and keep retrying in the background.
    args.add("--spring.temporal.connection.target=127.0.0.1:" + freePort());
    for (String name : placeholders(fullStack() + yaml)) {
      args.add("--" + name + "=documented-" + name.toLowerCase());
    }

    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(args.toArray(String[]::new))) {
      assertThat(app.isRunning()).as(where).isTrue();
      assertThat(app.getBean(TemporalModeProperties.class).mode())
          .isEqualTo(TemporalModeProperties.Mode.EXTERNAL);
      IntegrationProperties integrations = app.getBean(IntegrationProperties.class);
      for (String section : List.of("indexers", "download-clients", "notifiers")) {
        for (String name : entriesUnder(yaml, section)) {
          assertThat(namesOf(integrations, section)).as(where + ": " + section).contains(name);
        }
      }
      assertThat(app.getEnvironment().getActiveProfiles()).containsExactly("prod");
    }
  }

  private static Set<String> namesOf(IntegrationProperties integrations, String section) {
    return switch (section) {
      case "indexers" -> integrations.indexers().keySet();
      case "download-clients" -> integrations.downloadClients().keySet();
      default -> integrations.notifiers().keySet();
    };
  }

  /** The entry names directly under {@code section:} (two spaces deeper than the section). */
  static List<String> entriesUnder(String yaml, String section) {
    List<String> names = new ArrayList<>();
    String[] lines = yaml.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].trim();
      if (!trimmed.equals(section + ":")) {
        continue;
      }
      int indent = lines[i].indexOf(section);
      for (int j = i + 1; j < lines.length; j++) {
        String line = lines[j];
        if (line.isBlank() || line.trim().startsWith("#")) {
          continue;
        }
        int depth = line.length() - line.stripLeading().length();
        if (depth <= indent) {
          break;
        }
        if (depth == indent + 2 && line.trim().matches("[A-Za-z0-9_-]+:.*")) {
          names.add(line.trim().substring(0, line.trim().indexOf(':')));
        }
      }
    }
    return names;
  }

  private static Set<String> placeholders(String yaml) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(yaml);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
