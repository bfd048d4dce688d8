package io.temporarr.activities.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualitiesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "The.Matrix.1999.2160p.UHD.BluRay.x265-GROUP, 2160p",
    "Dune 2021 4K HDR DV, 2160p",
    "Dune.2021.UHD.BluRay, 2160p",
    "Severance S01 1080p ATVP WEB-DL, 1080p",
    "Old.Show.S01E01.1080i.HDTV, 1080p",
    "Movie [720p] WEB, 720p",
    "Movie.480p.DVDRip, 480p",
    "Movie 576p PAL, 480p",
    "Show.S02E03.SD.TV, 480p",
    "Movie.DVDRip.XviD, 480p",
    "Movie.2020.WEB-DL, unknown",
    "Movie.14K.Gold.1080p, 1080p",
    "Movie.x2160p, unknown",
    "Movie.2160px, unknown"
  })
  void labelsTitles(String title, String expected) {
    assertThat(Qualities.fromTitle(title)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void nullTitleIsUnknown() {
    assertThat(Qualities.fromTitle(null)).isEqualTo(Qualities.UNKNOWN);
  }
}
