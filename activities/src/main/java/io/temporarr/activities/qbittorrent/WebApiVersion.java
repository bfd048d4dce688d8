package io.temporarr.activities.qbittorrent;

/**
 * qBittorrent's WebAPI version ({@code app/webapiVersion}, e.g. {@code 2.8.19} in 4.5, {@code
 * 2.11.2} in 5.0), which decides endpoint and parameter names.
 */
record WebApiVersion(int major, int minor, int patch) implements Comparable<WebApiVersion> {

  /** qBittorrent 5.0: pause/resume become stop/start, {@code paused} becomes {@code stopped}. */
  static final WebApiVersion STOP_START = new WebApiVersion(2, 11, 0);

  /** Parses {@code major.minor[.patch]}; returns null for anything else. */
  static WebApiVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      int patch = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
      return major < 0 || minor < 0 || patch < 0 ? null : new WebApiVersion(major, minor, patch);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  boolean atLeast(WebApiVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(WebApiVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
