package io.temporarr.activities.sabnzbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobNamesTest {

  private static final String KEY = "3fa2b1c0d9e8";

  @Test
  void workflowIdsRoundTripThroughTheTag() {
    for (String id :
        List.of(
            "media-request:seerr:42",
            "media-request:seerr:42:s1",
            "media-request:jellyseerr:Abc.def_9-x",
            "media-request:odd:ü/ß")) {
      String name = JobNames.name(KEY, id, "Some.Title");
      assertThat(JobNames.parse(name)).hasValue(new JobNames.Tag(KEY, id));
    }
  }

  @Test
  void theTagUsesOnlyLettersDigitsAndDashes() {
    assertThat(JobNames.tag(KEY, "media-request:seerr:42:s1"))
        .isEqualTo("tmr-3fa2b1c0d9e8-media-hrequest-cseerr-c42-cs1")
        .matches("[A-Za-z0-9-]+");
  }

  @Test
  void theTagSurvivesSabnzbdsRenamingOptions() {
    String name = JobNames.name(KEY, "media-request:seerr:4_2.x", "Dune 2021.1080p_x264");
    // replace_spaces, then replace_underscores, then replace_dots
    String underscores = name.replace(" ", "_");
    String dots = underscores.replace("_", ".");
    String spaces = dots.replace(".", " ");
    String failedFetch = name + " - https://indexer.example/getnzb/1.nzb?apikey=k";
    for (String renamed : List.of(underscores, dots, spaces, failedFetch)) {
      assertThat(JobNames.parse(renamed))
          .hasValue(new JobNames.Tag(KEY, "media-request:seerr:4_2.x"));
    }
  }

  @Test
  void namesWithoutATagHaveNone() {
    assertThat(JobNames.parse(null)).isEmpty();
    assertThat(JobNames.parse("TV.Show.S04E12.720p.HDTV.x264")).isEmpty();
    assertThat(JobNames.parse("xtmr-3fa2b1c0d9e8-media")).isEmpty();
    assertThat(JobNames.parse("tmr-3FA2B1C0D9E8-media")).isEmpty();
  }

  @Test
  void titlesLoseWhatSabnzbdWouldReadAsAPasswordAndStayShort() {
    assertThat(JobNames.name(KEY, "w", "Movie {{secret}} / pw password=x"))
        .isEqualTo("tmr-" + KEY + "-w Movie .secret. . pw password.x");
    assertThat(JobNames.name(KEY, "w", null)).isEqualTo("tmr-" + KEY + "-w");
    assertThat(JobNames.name(KEY, "w", "x".repeat(300))).hasSize(4 + 12 + 3 + 80);
  }

  @Test
  void keysAreStablePerWorkflowAndRelease() {
    assertThat(JobNames.key("a", "g")).isEqualTo(JobNames.key("a", "g")).hasSize(12);
    assertThat(JobNames.key("a", "g")).isNotEqualTo(JobNames.key("a", "h"));
    assertThat(JobNames.key("a", "g")).isNotEqualTo(JobNames.key("b", "g"));
  }
}
