package io.temporarr.activities.testing.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the docs fail to name of what the code has: Maven modules, configuration keys and HTTP
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

  private DocsCheck() {}

  /** {@code docs/<document>} of this repository. */
  public static String read(String document) throws IOException {
    return Files.readString(ROOT.resolve("docs").resolve(document));
  }

  /** The {@code <module>}s of the root {@code pom.xml}. */
  public static List<String> mavenModules() throws IOException {
    try (InputStream pom = Files.newInputStream(ROOT.resolve("pom.xml"))) {
      return mavenModules(pom);
    }
  }

  static List<String> mavenModules(InputStream pom) throws IOException {
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

  /** The modules the document does not name, in the given order. */
  public static List<String> modulesMissing(Collection<String> modules, String markdown) {
    List<String> spans = MarkdownCode.spans(markdown);
    return modules.stream()
        .filter(module -> !spans.contains(module) && !spans.contains(module + "/"))
        .toList();
  }

  /** The keys the document does not name, in the given order. */
  public static List<String> keysMissing(Collection<String> keys, String markdown) {
    List<MarkdownCode.Section> sections = MarkdownCode.sections(markdown);
    return keys.stream().filter(key -> !named(key, sections)).toList();
  }

  private static boolean named(String key, List<MarkdownCode.Section> sections) {
    String[] wanted = key.split("\\.");
    for (MarkdownCode.Section section : sections) {
      for (String span : section.spans()) {
        if (keyMatches(wanted, span)) {
          return true;
        }
        for (String prefix : section.prefixes()) {
          if (keyMatches(wanted, prefix + "." + span)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean keyMatches(String[] key, String named) {
    String[] segments = named.split("\\.");
    if (segments.length != key.length) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      boolean placeholder = segments[i].startsWith("<") && segments[i].endsWith(">");
      if (!placeholder && !segments[i].equals(key[i])) {
        return false;
      }
    }
    return true;
  }

  /** The endpoints the document does not name, in the given order. */
  public static List<String> endpointsMissing(Collection<String> endpoints, String markdown) {
    List<String> spans = MarkdownCode.spans(markdown);
    return endpoints.stream()
        .filter(endpoint -> spans.stream().noneMatch(span -> endpointMatches(endpoint, span)))
        .toList();
  }

  private static boolean endpointMatches(String endpoint, String span) {
    String[] code = endpoint.split(" ", 2);
    String[] named = span.split(" ", 2);
    boolean anyMethod = code.length == 1;
    String codePath = anyMethod ? code[0] : code[1];
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
    return pathMatches(codePath, namedPath.split("\\?", 2)[0]);
  }

  private static boolean pathMatches(String codePath, String namedPath) {
    String[] code = codePath.split("/", -1);
    String[] named = namedPath.split("/", -1);
    if (code.length != named.length) {
      return false;
    }
    for (int i = 0; i < code.length; i++) {
      boolean variable = code[i].startsWith("{") && code[i].endsWith("}");
      if (!variable && !code[i].equals(named[i])) {
        return false;
      }
    }
    return true;
  }
}
