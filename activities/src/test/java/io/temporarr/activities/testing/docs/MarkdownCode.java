package io.temporarr.activities.testing.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline code spans of a Markdown document, section by section: all the docs checks read. Code
 * blocks are examples, not names, and are skipped. A section's prefixes are the names (code without
 * spaces) its heading puts in backticks ({@code ### `temporarr.requests` — the policy…}); a heading
 * without one keeps the prefixes of the heading it sits under.
 */
final class MarkdownCode {
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*)$");
  private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern NAME = Pattern.compile("\\S+");

  /** A heading's reach: its prefixes and the code spans up to the next heading. */
  record Section(List<String> prefixes, List<String> spans) {}

  private MarkdownCode() {}

  static List<Section> sections(String markdown) {
    List<Section> sections = new ArrayList<>();
    Deque<Integer> levels = new ArrayDeque<>();
    Deque<List<String>> prefixes = new ArrayDeque<>();
    Section current = new Section(List.of(), new ArrayList<>());
    sections.add(current);
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        int level = heading.group(1).length();
        while (!levels.isEmpty() && levels.peek() >= level) {
          levels.pop();
          prefixes.pop();
        }
        List<String> own = spansOf(heading.group(2)).stream().filter(MarkdownCode::isName).toList();
        List<String> inherited = prefixes.isEmpty() ? List.of() : prefixes.peek();
        levels.push(level);
        prefixes.push(own.isEmpty() ? inherited : own);
        current = new Section(prefixes.peek(), new ArrayList<>());
        sections.add(current);
      }
      current.spans().addAll(spansOf(line));
    }
    return sections;
  }

  /** Every code span outside code blocks. */
  static List<String> spans(String markdown) {
    return sections(markdown).stream().flatMap(section -> section.spans().stream()).toList();
  }

  private static List<String> spansOf(String line) {
    List<String> spans = new ArrayList<>();
    Matcher span = SPAN.matcher(line);
    while (span.find()) {
      // A pipe inside a table cell is written \| (GitHub renders it as |).
      spans.add(span.group(1).replace("\\|", "|").strip());
    }
    return spans;
  }

  private static boolean isName(String span) {
    return NAME.matcher(span).matches();
  }
}
