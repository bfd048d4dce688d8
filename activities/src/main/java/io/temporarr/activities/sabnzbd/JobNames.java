package io.temporarr.activities.sabnzbd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job names ({@code nzbname}) Temporarr gives SABnzbd jobs: {@code tmr-<key>-<workflow>
 * <title>}.
 *
 * <p>SABnzbd has no tags and no infohash, so the name carries both what the shared monitor needs
 * (the request workflow ID) and what makes adding idempotent (a key derived from the workflow ID
 * and the release guid: the same release for the same request always gets the same name). The tag
 * leads the name because SABnzbd cuts long folder names at their end.
 *
 * <p>SABnzbd rewrites names: {@code :} and other characters illegal in folder names become {@code
 * _}, and its options turn spaces into underscores, underscores into dots and dots into spaces. The
 * workflow ID is therefore written in letters, digits and {@code -} only, {@code -} being an
 * escape: {@code -h} for {@code -}, {@code -c} for {@code :}, {@code -d} for {@code .}, {@code -u}
 * for {@code _}, {@code -xHHHH} for any other character. {@code media-request:seerr:42} becomes
 * {@code media-hrequest-cseerr-c42}. Whatever SABnzbd puts around the tag (a separator, the URL of
 * a failed fetch) is not in that alphabet, so the tag is read back exactly.
 */
final class JobNames {

  /** What every Temporarr job name starts with; also the search term that lists them. */
  static final String PREFIX = "tmr-";

  /** Longest encoded workflow ID: SABnzbd cuts folder names near 246 bytes. */
  static final int MAX_ENCODED_WORKFLOW_ID = 180;

  /** Title characters kept: the rest could read as a password ({@code {{…}}}, {@code /}). */
  private static final Pattern UNSAFE_TITLE = Pattern.compile("[^A-Za-z0-9 ._()\\[\\]+-]+");

  private static final int MAX_TITLE = 80;

  private static final Pattern TAG =
      Pattern.compile(
          "(?<![A-Za-z0-9-])tmr-([0-9a-f]{12})-((?:[A-Za-z0-9]|-[hcdu]|-x[0-9a-f]{4})+)");

  private JobNames() {}

  /** A job name's tag, read back. */
  record Tag(String key, String workflowId) {}

  /** The idempotency key of one release for one request: 12 hex digits of a SHA-256. */
  static String key(String workflowId, String releaseId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((workflowId + "\n" + releaseId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The tag alone: {@code tmr-<key>-<encoded workflow ID>}. */
  static String tag(String key, String workflowId) {
    return PREFIX + key + "-" + encode(workflowId);
  }

  /** The full job name: tag, then the release title made safe for SABnzbd. */
  static String name(String key, String workflowId, String title) {
    String safe = title == null ? "" : UNSAFE_TITLE.matcher(title).replaceAll(".").trim();
    if (safe.length() > MAX_TITLE) {
      safe = safe.substring(0, MAX_TITLE).trim();
    }
    String tag = tag(key, workflowId);
    return safe.isEmpty() ? tag : tag + " " + safe;
  }

  /** The tag in a job name as SABnzbd lists it, if there is one. */
  static Optional<Tag> parse(String jobName) {
    if (jobName == null) {
      return Optional.empty();
    }
    Matcher matcher = TAG.matcher(jobName);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(new Tag(matcher.group(1), decode(matcher.group(2))));
  }

  static String encode(String workflowId) {
    StringBuilder out = new StringBuilder(workflowId.length() + 8);
    for (char c : workflowId.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else {
        switch (c) {
          case '-' -> out.append("-h");
          case ':' -> out.append("-c");
          case '.' -> out.append("-d");
          case '_' -> out.append("-u");
          default -> out.append("-x").append(String.format(Locale.ROOT, "%04x", (int) c));
        }
      }
    }
    return out.toString();
  }

  static String decode(String encoded) {
    StringBuilder out = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c != '-') {
        out.append(c);
        continue;
      }
      char escape = encoded.charAt(++i);
      switch (escape) {
        case 'h' -> out.append('-');
        case 'c' -> out.append(':');
        case 'd' -> out.append('.');
        case 'u' -> out.append('_');
        default -> {
          out.append((char) Integer.parseInt(encoded.substring(i + 1, i + 5), 16));
          i += 4;
        }
      }
    }
    return out.toString();
  }
}
