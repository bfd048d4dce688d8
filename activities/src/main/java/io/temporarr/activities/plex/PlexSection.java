package io.temporarr.activities.plex;

import java.util.List;

/**
 * One Plex library section ({@code MediaContainer.Directory[]} of {@code GET /library/sections}).
 *
 * @param key the section id used in {@code /library/sections/{key}/refresh}
 * @param locations the folders the section scans ({@code Location[].path}), as Plex sees them
 */
record PlexSection(String key, String title, List<String> locations) {

  PlexSection {
    locations = List.copyOf(locations);
  }

  /**
   * The length of the longest location that contains {@code path} (equal to it or a parent folder
   * of it), or -1. Compared per path segment, so {@code /data/movies} does not hold {@code
   * /data/movies-4k/…}.
   */
  int matchLength(String path) {
    int best = -1;
    for (String location : locations) {
      String folder = withoutTrailingSlash(location);
      boolean holds =
          path.equals(folder) || path.startsWith(folder.endsWith("/") ? folder : folder + "/");
      if (holds && folder.length() > best) {
        best = folder.length();
      }
    }
    return best;
  }

  static String withoutTrailingSlash(String path) {
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
