package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathMappingTest {

  @Test
  void clientPrefixIsReplacedByTheLocalOne() {
    List<PathMapping> mappings = List.of(new PathMapping("/downloads/", "/mnt/media/downloads"));

    assertThat(PathMapping.toLocal("/downloads/complete/Movie (2020)", mappings))
        .isEqualTo(Path.of("/mnt/media/downloads/complete/Movie (2020)"));
    assertThat(PathMapping.toLocal("/downloads", mappings))
        .isEqualTo(Path.of("/mnt/media/downloads"));
  }

  @Test
  void prefixMatchesWholeComponentsOnly() {
    List<PathMapping> mappings = List.of(new PathMapping("/downloads", "/mnt/dl"));

    assertThat(PathMapping.toLocal("/downloads2/x.mkv", mappings))
        .isEqualTo(Path.of("/downloads2/x.mkv"));
  }

  @Test
  void longestMatchingPrefixWinsAndUnmatchedPathsStayAsTheyAre() {
    List<PathMapping> mappings =
        List.of(new PathMapping("/data", "/mnt/data"), new PathMapping("/data/tv", "/srv/tv"));

    assertThat(PathMapping.toLocal("/data/tv/Show", mappings)).isEqualTo(Path.of("/srv/tv/Show"));
    assertThat(PathMapping.toLocal("/data/movies/M", mappings))
        .isEqualTo(Path.of("/mnt/data/movies/M"));
    assertThat(PathMapping.toLocal("/other/M", mappings)).isEqualTo(Path.of("/other/M"));
  }

  @Test
  void windowsClientPathsHaveTheirSeparatorsConverted() {
    List<PathMapping> mappings = List.of(new PathMapping("D:\\Downloads\\", "/mnt/windows/dl"));

    assertThat(PathMapping.toLocal("D:\\Downloads\\Show\\S01E01.mkv", mappings))
        .isEqualTo(Path.of("/mnt/windows/dl/Show/S01E01.mkv"));
  }

  @Test
  void rootPrefixMapsEveryAbsolutePath() {
    assertThat(PathMapping.toLocal("/a/b.mkv", List.of(new PathMapping("/", "/host"))))
        .isEqualTo(Path.of("/host/a/b.mkv"));
  }

  @Test
  void bothPrefixesAreRequired() {
    assertThatThrownBy(() -> new PathMapping(" ", "/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PathMapping("/x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void confinedMappingRefusesParentSegmentsWithEitherSeparator() {
    List<PathMapping> mappings = List.of(new PathMapping("/downloads", "/srv/downloads"));

    for (String escaping :
        List.of("/downloads/../etc", "/downloads/a/../../etc", "C:\\dl\\..\\x", "..")) {
      assertThatThrownBy(() -> PathMapping.toLocalConfined(escaping, mappings))
          .isInstanceOfSatisfying(
              io.temporal.failure.ApplicationFailure.class,
              failure ->
                  assertThat(failure.getType())
                      .isEqualTo(io.temporarr.workflows.common.ErrorTypes.UNSAFE_PATH));
    }
  }

  @Test
  void confinedMappingKeepsNamesThatOnlyStartWithDots() throws java.io.IOException {
    List<PathMapping> mappings = List.of(new PathMapping("/downloads", "/srv/downloads"));

    assertThat(PathMapping.toLocalConfined("/downloads/..Movie../x.mkv", mappings))
        .isEqualTo(Path.of("/srv/downloads/..Movie../x.mkv"));
  }
}
