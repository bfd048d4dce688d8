package io.temporarr.activities.release;

import java.util.List;
import java.util.regex.Pattern;

/** Normalised quality labels read from a release title. */
public final class Qualities {
  public static final String UHD_2160P = "2160p";
  public static final String FHD_1080P = "1080p";
  public static final String HD_720P = "720p";
  public static final String SD_480P = "480p";
  public static final String UNKNOWN = "unknown";

  /** Every label, best first. */
  public static final List<String> ALL = List.of(UHD_2160P, FHD_1080P, HD_720P, SD_480P, UNKNOWN);

  /** Checked best first, so "2160p … 1080p" (an upscale note) still labels as 2160p. */
  private static final List<Label> LABELS =
      List.of(
          new Label(UHD_2160P, token("2160[pi]|4k|uhd")),
          new Label(FHD_1080P, token("1080[pi]")),
          new Label(HD_720P, token("720p")),
          new Label(SD_480P, token("480[pi]|576[pi]|sd|sdtv|dvdrip")));

  private Qualities() {}

  /** The quality label of a release title; {@link #UNKNOWN} when the title names none. */
  public static String fromTitle(String title) {
    if (title == null) {
      return UNKNOWN;
    }
    for (Label label : LABELS) {
      if (label.pattern().matcher(title).find()) {
        return label.name();
      }
    }
    return UNKNOWN;
  }

  // Release names separate tokens with dots, dashes, spaces or brackets; "4K" must not match "14K".
  private static Pattern token(String alternatives) {
    return Pattern.compile(
        "(?<![a-z0-9])(?:" + alternatives + ")(?![a-z0-9])", Pattern.CASE_INSENSITIVE);
  }

  private record Label(String name, Pattern pattern) {}
}
