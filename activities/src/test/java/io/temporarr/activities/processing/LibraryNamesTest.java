package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.activities.processing.LibraryNames.EpisodeRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryNamesTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiterString = " -> ",
      value = {
        "Mission: Impossible -> Mission - Impossible",
        "AC/DC\\Live -> AC+DC+Live",
        "What?! <Really> *now* \"quoted\" a|b -> What! Really -now- quoted ab",
        "../../etc -> +..+etc",
        ".. -> _",
        ".hidden title. -> hidden title",
        "CON -> CON_",
        "Tab\tand\u0007bell -> Tabandbell",
      })
  void segmentsAreSafeOnCommonFilesystems(String raw, String expected) {
    assertThat(LibraryNames.segment(raw)).isEqualTo(expected);
  }

  @Test
  void overlongNamesAreCutToTheByteLimitWithoutSplittingCharacters() {
    String segment = LibraryNames.segment("日本".repeat(100));

    assertThat(segment.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(LibraryNames.MAX_NAME_BYTES);
    assertThat(segment).matches("(日本)+日?");
  }

  @Test
  void tokensArePaddedAndMissingValuesLeaveNoEmptyBrackets() {
    String rendered =
        LibraryNames.render(
            "{Movie Title} ({Release Year}) [{Quality Full}] {season:000}",
            Map.of(LibraryNames.MOVIE_TITLE, "Alien"),
            Map.of(LibraryNames.SEASON, List.of(7)));

    assertThat(LibraryNames.segment(rendered)).isEqualTo("Alien 007");
  }

  @Test
  void multiEpisodeFilesRenderAsARange() {
    String rendered =
        LibraryNames.render(
            "S{season:00}E{episode:00}",
            Map.of(),
            Map.of(LibraryNames.SEASON, List.of(1), LibraryNames.EPISODE, List.of(1, 2)));

    assertThat(rendered).isEqualTo("S01E01-E02");
  }

  @Test
  void titleSlashesCannotCreateFolders() {
    String rendered =
        LibraryNames.render(
            "{Series Title}/Season {season}",
            Map.of(LibraryNames.SERIES_TITLE, "../../etc/passwd"),
            Map.of(LibraryNames.SEASON, List.of(1)));

    Path folder = LibraryNames.folder(rendered);
    assertThat(folder.getNameCount()).isEqualTo(2);
    assertThat(folder).isEqualTo(Path.of("+..+etc+passwd", "Season 1"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Show.Name.S01E02.1080p.WEB.x264-GRP.mkv | 1 | 2",
        "show name s03e10 720p.mkv | 3 | 10",
        "Show_-_S1_E5.mp4 | 1 | 5",
        "Show.Name.S01E01E02.mkv | 1 | 1,2",
        "Show.Name.S01E01-E03.mkv | 1 | 1,3",
        "Show 2x07 Title.avi | 2 | 7",
      })
  void episodeNumbersAreReadFromFileNames(String name, int season, String episodes) {
    List<Integer> expected =
        java.util.Arrays.stream(episodes.split(",")).map(Integer::valueOf).toList();

    assertThat(LibraryNames.episode(name)).contains(new EpisodeRef(season, expected));
  }

  @Test
  void resolutionsAndCodecsAreNotEpisodes() {
    assertThat(LibraryNames.episode("Movie.2020.1920x1080.x264.mkv")).isEmpty();
    assertThat(LibraryNames.episode("Show.Extras.Interview.mkv")).isEmpty();
  }

  @Test
  void episodeCountSpansRanges() {
    assertThat(new EpisodeRef(1, List.of(1, 3)).episodeCount()).isEqualTo(3);
    assertThat(new EpisodeRef(1, List.of(5)).episodeCount()).isEqualTo(1);
    assertThat(new EpisodeRef(1, List.of(5, 2)).episodeCount()).isEqualTo(2);
  }

  @Test
  void templatesWithUnknownTokensBracesOrFolderSeparatorsAreRefused() {
    Set<String> allowed = Set.of(LibraryNames.MOVIE_TITLE);

    assertThatThrownBy(() -> LibraryNames.validate("t", "{Movie Titel}", allowed, true))
        .hasMessageContaining("unknown token {Movie Titel}");
    assertThatThrownBy(() -> LibraryNames.validate("t", "{Movie Title", allowed, true))
        .hasMessageContaining("unbalanced");
    assertThatThrownBy(() -> LibraryNames.validate("t", "a/{Movie Title}", allowed, false))
        .hasMessageContaining("must name a file");
    assertThatThrownBy(() -> LibraryNames.validate("t", " ", allowed, false))
        .hasMessageContaining("required");
  }

  @Test
  void extensionAndBaseNameSplitAtTheLastDot() {
    assertThat(LibraryNames.extension("a.b.MKV")).isEqualTo("MKV");
    assertThat(LibraryNames.baseName("a.b.MKV")).isEqualTo("a.b");
    assertThat(LibraryNames.extension("noext")).isEmpty();
    assertThat(LibraryNames.fileName("noext", "")).isEqualTo("noext");
  }
}
