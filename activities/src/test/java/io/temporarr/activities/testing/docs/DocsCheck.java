package io.temporarr.activities.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a document fails to name of what the code has: Maven modules, configuration keys or HTTP
 * endpoints. Only inline code counts as naming something ({@code `benchmarks`}, {@code
 * `stall-timeout`}, {@code `POST /webhooks/seerr`}); code blocks are examples and do not.
 *
 * <ul>
 *   <li>A module is named by its name, or its name and a slash.
 *   <li>A key is named in full ({@code `temporarr.requests.stall-timeout`}), or relative to a
 *       prefix the section's heading names ({@code ### `temporarr.requests`} then {@code
 *       `stall-timeout`}; a heading without one keeps the prefix of the heading above it). A
 *       placeholder in angle brackets stands for any one segment: {@code
 *       `temporarr.activities.<type>.start-to-close`} names it for every activity type, and {@code
 *       `<name>`} the entries of a map.
 *   <li>An endpoint is named as {@code METHOD /path}; a path variable of the code ({@code
 *       {workflowId}}) matches any one segment of the docs ({@code {id}}, {@code retry}), a query
 *       string in the docs is ignored.
 * </ul>
 */
public final class DocsCheck {
  /** Tests run in their module's folder; the docs and the root pom are one level up. */
  private static final Path ROOT = Path.of("..");

  private final Collection<String> items;
  private final BiFunction<Collection<String>, String, List<String>> missing;

  private DocsCheck(
      Collection<String> items, BiFunction<Collection<String>, String, List<String>> missing) {
    this.items = List.copyOf(items);
    this.missing = missing;
  }

  /** The {@code <module>}s of the root {@code pom.xml}. */
  public static DocsCheck mavenModules() throws IOException {
    try (InputStream pom = Files.newInputStream(ROOT.resolve("pom.xml"))) {
      return new DocsCheck(modulesOf(pom), DocsCheck::modulesMissing);
    }
  }

  /** The keys of the application's {@code @ConfigurationProperties} ({@link ConfigurationKeys}). */
  public static DocsCheck configurationKeys(Class<?> application) {
    return new DocsCheck(ConfigurationKeys.of(application), DocsCheck::keysMissing);
  }

  /** The endpoints of the application's controllers ({@link Endpoints}). */
  public static DocsCheck endpoints(Class<?> application) {
    return new DocsCheck(Endpoints.of(application), DocsCheck::endpointsMissing);
  }

  /** {@code docs/<document>} of this repository. */
  public static String read(String document) throws IOException {
    return Files.readString(ROOT.resolve("docs").resolve(document));
  }

  /** What the Markdown text does not name, in the order the code has it. */
  public List<String> missingFrom(String markdown) {
    return missing.apply(items, markdown);
  }

  /**
   * Asserts that {@code docs/<document>} names everything, and that this check can fail: with every
   * code span of {@code takenOut} removed (also as the end of a longer dotted name: {@code
   * stall-timeout} removes {@code `temporarr.requests.stall-timeout`} too), exactly {@code
   * reported} is missing.
   */
  public void assertNamedIn(String document, String takenOut, String reported) throws IOException {
    assertNamed("docs/" + document, read(document), takenOut, reported);
  }

  void assertNamed(String document, String markdown, String takenOut, String reported) {
    assertThat(missingFrom(markdown)).as("named in the code, not in %s", document).isEmpty();
    String without = markdown.replaceAll("`([^`\\s]*\\.)?" + Pattern.quote(takenOut) + "`", "");
    assertThat(missingFrom(without))
        .as("missing from %s without `%s`", document, takenOut)
        .containsExactly(reported);
  }

  static List<String> modulesOf(InputStream pom) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList modules = factory.newDocumentBuilder().parse(pom).getElementsByTagName("module");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < modules.getLength(); i++) {
        names.add(modules.item(i).getTextContent().strip());
      }
      return names;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("unreadable pom.xml", e);
    }
  }

  static List<String> modulesMissing(Collection<String> modules, String markdown) {
    List<String> spans = MarkdownCode.spans(markdown);
    return modules.stream()
        .filter(module -> !spans.contains(module) && !spans.contains(module + "/"))
        .toList();
  }

  static List<String> keysMissing(Collection<String> keys, String markdown) {
    List<MarkdownCode.Section> sections = MarkdownCode.sections(markdown);
    return keys.stream().filter(key -> !named(key, sections)).toList();
  }

  private static boolean named(String key, List<MarkdownCode.Section> sections) {
    String[] wanted = key.split("\\.");
    for (MarkdownCode.Section section : sections) {
      for (String span : section.spans()) {
        if (segmentsMatch(wanted, span.split("\\."))) {
          return true;
        }
        for (String prefix : section.prefixes()) {
          if (segmentsMatch(wanted, (prefix + "." + span).split("\\."))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static List<String> endpointsMissing(Collection<String> endpoints, String markdown) {
    List<String> spans = MarkdownCode.spans(markdown);
    return endpoints.stream()
        .filter(endpoint -> spans.stream().noneMatch(span -> endpointMatches(endpoint, span)))
        .toList();
  }

  private static boolean endpointMatches(String endpoint, String span) {
    String[] code = endpoint.split(" ", 2);
    String[] named = span.split(" ", 2);
    boolean anyMethod = code.length == 1;
    String namedPath;
    if (named.length == 2 && named[0].equals(named[0].toUpperCase(Locale.ROOT))) {
      if (!anyMethod && !named[0].equals(code[0])) {
        return false;
      }
      namedPath = named[1];
    } else if (anyMethod) {
      namedPath = span;
    } else {
      return false;
    }
    String codePath = anyMethod ? code[0] : code[1];
    return segmentsMatch(codePath.split("/", -1), namedPath.split("\\?", 2)[0].split("/", -1));
  }

  /**
   * Segment by segment: equal, or a placeholder of the docs ({@code <type>}), or a path variable of
   * the code ({@code {workflowId}}).
   */
  private static boolean segmentsMatch(String[] code, String[] named) {
    if (code.length != named.length) {
      return false;
    }
    for (int i = 0; i < code.length; i++) {
      boolean placeholder = named[i].startsWith("<") && named[i].endsWith(">");
      boolean variable = code[i].startsWith("{") && code[i].endsWith("}");
      if (!placeholder && !variable && !code[i].equals(named[i])) {
        return false;
      }
    }
    return true;
  }
}
