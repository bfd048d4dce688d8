package io.temporarr.activities.processing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders naming templates into safe file and folder names and reads episode numbers from release
 * file names. Titles come from outside (TMDB, request sources), so every rendered name is cleaned
 * of characters that are illegal on common filesystems and can never climb out of its folder.
 */
final class LibraryNames {

  static final String MOVIE_TITLE = "Movie Title";
  static final String SERIES_TITLE = "Series Title";
  static final String RELEASE_YEAR = "Release Year";
  static final String QUALITY_FULL = "Quality Full";
  static final String SEASON = "season";
  static final String EPISODE = "episode";

  private static final Pattern TOKEN = Pattern.compile("\\{([^{}:]+)(?::(0+))?}");
  private static final Pattern ILLEGAL_REMOVED = Pattern.compile("[?<>|\"\\p{Cntrl}]");
  private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]|\\{\\s*}");
  private static final Pattern EDGE_DOTS_AND_SPACES = Pattern.compile("^[\\s.]+|[\\s.]+$");
  private static final Pattern WINDOWS_RESERVED =
      Pattern.compile("(?i)con|prn|aux|nul|com[1-9]|lpt[1-9]");

  /** Room for an extension within the 255-byte name limit of ext4, XFS, Btrfs and NTFS. */
  static final int MAX_NAME_BYTES = 230;

  private static final Pattern SXXEYY =
      Pattern.compile(
          "(?<![a-z0-9])s(\\d{1,3})[ ._-]?e(\\d{1,4})((?:[ ._-]?-?[ ._-]?e\\d{1,4})*)(?!\\d)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NXNN = Pattern.compile("(?<![a-z0-9])(\\d{1,2})x(\\d{2,3})(?!\\d)");
  private static final Pattern MORE_EPISODES =
      Pattern.compile("e(\\d{1,4})", Pattern.CASE_INSENSITIVE);

  /** Season and episode(s) found in a file name; more than one for multi-episode files. */
  record EpisodeRef(int season, List<Integer> episodes) {
    /** How many episodes the file spans ("E01-E03" is three). */
    int episodeCount() {
      int first = episodes.get(0);
      int last = episodes.get(episodes.size() - 1);
      return last >= first ? last - first + 1 : episodes.size();
    }
  }

  private LibraryNames() {}

  static void validate(String what, String template, Set<String> allowed, boolean folders) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    Matcher tokens = TOKEN.matcher(template);
    while (tokens.find()) {
      if (!allowed.contains(tokens.group(1))) {
        throw new IllegalArgumentException(
            what + " uses unknown token {" + tokens.group(1) + "}; allowed: " + allowed);
      }
    }
    String literal = TOKEN.matcher(template).replaceAll("");
    if (literal.contains("{") || literal.contains("}")) {
      throw new IllegalArgumentException(what + " has an unbalanced brace: " + template);
    }
    if (!folders && (template.contains("/") || template.contains("\\"))) {
      throw new IllegalArgumentException(what + " must name a file, not folders: " + template);
    }
  }

  /**
   * Substitutes tokens. Text values are sanitised before insertion, so a {@code /} in a title
   * cannot become a folder separator; several episodes render as {@code 01-E02}.
   */
  static String render(
      String template, Map<String, String> text, Map<String, List<Integer>> numbers) {
    Matcher tokens = TOKEN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (tokens.find()) {
      String name = tokens.group(1);
      int width = tokens.group(2) == null ? 0 : tokens.group(2).length();
      List<Integer> values = numbers.get(name);
      String value = values != null ? numbersText(values, width) : sanitize(text.get(name));
      tokens.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    tokens.appendTail(out);
    return out.toString();
  }

  /** A rendered folder template as a relative path; every {@code /}-separated part is cleaned. */
  static Path folder(String rendered) {
    String[] parts = rendered.split("/");
    List<String> segments = new ArrayList<>();
    for (String part : parts) {
      segments.add(segment(part));
    }
    return Path.of(segments.get(0), segments.subList(1, segments.size()).toArray(String[]::new));
  }

  /** A file name from a rendered base name and the source's extension. */
  static String fileName(String base, String extension) {
    return extension.isEmpty() ? segment(base) : segment(base) + "." + segment(extension);
  }

  /** One name: illegal characters replaced, empty brackets dropped, dots/spaces trimmed. */
  static String segment(String raw) {
    String name = sanitize(raw);
    name = EMPTY_BRACKETS.matcher(name).replaceAll("");
    name = name.replaceAll("\\s+", " ");
    name = EDGE_DOTS_AND_SPACES.matcher(truncate(name)).replaceAll("");
    if (WINDOWS_RESERVED.matcher(name).matches()) {
      name = name + "_";
    }
    return name.isEmpty() ? "_" : name;
  }

  /** Replaces characters illegal on Windows/SMB shares the way Radarr and Sonarr do. */
  static String sanitize(String value) {
    if (value == null) {
      return "";
    }
    String clean = value.replace(": ", " - ").replace(':', '-').replace('*', '-');
    clean = clean.replace('/', '+').replace('\\', '+');
    return ILLEGAL_REMOVED.matcher(clean).replaceAll("").strip();
  }

  static Optional<EpisodeRef> episode(String fileName) {
    Matcher sxxeyy = SXXEYY.matcher(fileName);
    if (sxxeyy.find()) {
      List<Integer> episodes = new ArrayList<>();
      episodes.add(Integer.parseInt(sxxeyy.group(2)));
      Matcher more = MORE_EPISODES.matcher(sxxeyy.group(3));
      while (more.find()) {
        episodes.add(Integer.parseInt(more.group(1)));
      }
      return Optional.of(new EpisodeRef(Integer.parseInt(sxxeyy.group(1)), episodes));
    }
    Matcher nxnn = NXNN.matcher(fileName.toLowerCase(Locale.ROOT));
    if (nxnn.find()) {
      return Optional.of(
          new EpisodeRef(
              Integer.parseInt(nxnn.group(1)), List.of(Integer.parseInt(nxnn.group(2)))));
    }
    return Optional.empty();
  }

  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(dot + 1) : "";
  }

  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static String numbersText(List<Integer> values, int width) {
    StringBuilder text = new StringBuilder(pad(values.get(0), width));
    for (int value : values.subList(1, values.size())) {
      text.append("-E").append(pad(value, width));
    }
    return text.toString();
  }

  private static String pad(int value, int width) {
    String digits = Integer.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  private static String truncate(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
      return name;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (int cp : name.codePoints().toArray()) {
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_NAME_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += size;
    }
    return kept.toString();
  }
}
