package io.temporarr.activities.torznab;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.search.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import okhttp3.HttpUrl;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Torznab/Newznab XML: caps, RSS feeds and {@code <error/>} documents.
 *
 * <p>The parser refuses DOCTYPE declarations outright, so neither external entities (XXE) nor
 * entity expansion ("billion laughs") can reach it; no indexer feed needs a DTD. What an answer may
 * hold is bounded by {@link FeedLimits}: items beyond the limit are skipped while parsing.
 */
final class TorznabXml {
  static final String TORZNAB_NS = "http://torznab.com/schemas/2015/feed";
  static final String NEWZNAB_NS = "http://www.newznab.com/DTD/2010/feeds/attributes/";

  private static final Pattern BTIH =
      Pattern.compile("urn:btih:([0-9a-fA-F]{40}|[A-Za-z2-7]{32})(?![0-9A-Za-z])");
  private static final Pattern HEX_40 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern IMDB = Pattern.compile("(?:tt)?0*(\\d{1,9})");
  private static final int MAX_DESCRIPTION = 200;
  private static final String NZB_TYPE = "application/x-nzb";
  private static final String TORRENT_TYPE = "application/x-bittorrent";

  private TorznabXml() {}

  /** Parses a caps document. */
  static TorznabCaps caps(InputStream body, String service, HttpUrl url) throws IOException {
    Element root = documentElement(body, service, url, "caps", 0);
    Element searching = child(root, "searching");
    Element limits = child(root, "limits");
    return new TorznabCaps(
        mode(child(searching, "search")),
        mode(child(searching, "tv-search")),
        mode(child(searching, "movie-search")),
        limits == null ? null : parseInt(limits.getAttribute("max")),
        categories(child(root, "categories")));
  }

  /** Every {@code category} id and the ids of its {@code subcat} children. */
  private static Set<Integer> categories(Element categories) {
    Set<Integer> ids = new HashSet<>();
    if (categories == null) {
      return ids;
    }
    for (Element category : children(categories, "category")) {
      addId(ids, category);
      children(category, "subcat").forEach(subcat -> addId(ids, subcat));
    }
    return ids;
  }

  private static void addId(Set<Integer> ids, Element element) {
    Integer id = parseInt(element.getAttribute("id"));
    if (id != null) {
      ids.add(id);
    }
  }

  /** {@link #feed(InputStream, String, HttpUrl, FeedLimits)} with {@link FeedLimits#DEFAULTS}. */
  static List<TorznabItem> feed(InputStream body, String service, HttpUrl url) throws IOException {
    return feed(body, service, url, FeedLimits.DEFAULTS);
  }

  /**
   * Parses an RSS feed into items: the first {@link FeedLimits#maxItemsPerAnswer} only, titles cut
   * to {@link FeedLimits#maxTitleLength}; items without a title or a download URL, or with a link
   * or guid longer than {@link FeedLimits#MAX_LINK_LENGTH}, are skipped.
   */
  static List<TorznabItem> feed(InputStream body, String service, HttpUrl url, FeedLimits limits)
      throws IOException {
    Element root = documentElement(body, service, url, "rss", limits.maxItemsPerAnswer());
    Element channel = child(root, "channel");
    if (channel == null) {
      throw HttpFailures.malformed(service, url, "RSS document without a channel");
    }
    List<TorznabItem> items = new ArrayList<>();
    for (Element item : children(channel, "item")) {
      TorznabItem parsed = item(item, limits.maxTitleLength());
      if (parsed != null) {
        items.add(parsed);
      }
    }
    return items;
  }

  private static TorznabItem item(Element item, int maxTitleLength) {
    String title = text(child(item, "title"));
    if (title != null && title.length() > maxTitleLength) {
      title = title.substring(0, maxTitleLength);
    }
    Map<String, List<String>> attrs = attributes(item);
    Element enclosure = child(item, "enclosure");
    String enclosureUrl = enclosure == null ? null : blankToNull(enclosure.getAttribute("url"));
    String magnet = first(attrs, "magneturl");
    // Links carry the indexer's API key; the key must not reach workflow histories.
    String downloadUrl =
        LinkCredentials.redact(firstNonNull(magnet, enclosureUrl, text(child(item, "link"))));
    if (title == null || downloadUrl == null || downloadUrl.length() > FeedLimits.MAX_LINK_LENGTH) {
      return null;
    }

    Long size =
        firstNonNull(
            parseLong(first(attrs, "size")),
            parseLong(text(child(item, "size"))),
            enclosure == null ? null : parseLong(enclosure.getAttribute("length")));
    Integer seeders = parseInt(first(attrs, "seeders"));
    Integer peers = parseInt(first(attrs, "peers"));
    Integer leechers = parseInt(first(attrs, "leechers"));
    if (leechers == null && peers != null) {
      leechers = Math.max(0, peers - (seeders == null ? 0 : seeders));
    }

    List<Integer> categories = new ArrayList<>();
    List<String> categoryValues = attrs.getOrDefault("category", List.of());
    if (categoryValues.isEmpty()) {
      categoryValues = children(item, "category").stream().map(TorznabXml::text).toList();
    }
    categoryValues.stream()
        .map(TorznabXml::parseInt)
        .filter(c -> c != null && !categories.contains(c))
        .forEach(categories::add);

    String guid = LinkCredentials.redact(firstNonNull(text(child(item, "guid")), downloadUrl));
    if (guid.length() > FeedLimits.MAX_LINK_LENGTH) {
      return null;
    }
    return new TorznabItem(
        guid,
        title,
        downloadUrl,
        infoHash(first(attrs, "infohash"), magnet, enclosureUrl, downloadUrl),
        size == null || size < 0 ? 0 : size,
        seeders == null ? 0 : Math.max(0, seeders),
        leechers == null ? 0 : Math.max(0, leechers),
        publishedAt(text(child(item, "pubDate"))),
        categories,
        imdb(firstNonNull(first(attrs, "imdb"), first(attrs, "imdbid"))),
        parseInt(first(attrs, "tmdbid")),
        parseInt(first(attrs, "tvdbid")),
        parseDouble(first(attrs, "downloadvolumefactor")),
        protocol(magnet, enclosure));
  }

  /** What the item says about itself; null leaves it to the indexer's configured protocol. */
  private static Protocol protocol(String magnet, Element enclosure) {
    String type =
        enclosure == null ? "" : enclosure.getAttribute("type").trim().toLowerCase(Locale.ROOT);
    if (NZB_TYPE.equals(type)) {
      return Protocol.USENET;
    }
    if (magnet != null || TORRENT_TYPE.equals(type)) {
      return Protocol.TORRENT;
    }
    return null;
  }

  /**
   * The {@code <error code description/>} answer, which indexers send even with HTTP 200.
   *
   * <p>100 (bad credentials) is {@link ErrorTypes#UNAUTHORIZED}; 101 (account suspended) and 102
   * (no privileges) are {@link ErrorTypes#FORBIDDEN}: the user must fix the settings, so all three
   * are non-retryable, as their HTTP counterparts are. 500/501 (request/download limit reached) are
   * a retryable {@link ErrorTypes#RATE_LIMITED}: the limit resets. Every other code (missing or
   * wrong parameter, function not available, API disabled, unknown) is a non-retryable {@link
   * ErrorTypes#INDEXER_ERROR}.
   */
  static ApplicationFailure error(Element error, String service, HttpUrl url) {
    String code = error.getAttribute("code").trim();
    String description = error.getAttribute("description").trim();
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION) + "…";
    }
    String message =
        service
            + ": "
            + HttpFailures.redact(url)
            + " answered Torznab error "
            + (code.isEmpty() ? "?" : code)
            + (description.isEmpty() ? "" : " (" + description + ")");
    return switch (code) {
      case "100" -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.UNAUTHORIZED);
      case "101", "102" -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.FORBIDDEN);
      case "500", "501" -> ApplicationFailure.newFailure(message, ErrorTypes.RATE_LIMITED);
      default -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.INDEXER_ERROR);
    };
  }

  private static Element documentElement(
      InputStream body, String service, HttpUrl url, String expected, int maxItems)
      throws IOException {
    BoundedDom dom = new BoundedDom(maxItems);
    try {
      newParser().parse(new InputSource(body), dom);
    } catch (SAXException e) {
      throw HttpFailures.malformed(service, url, "not well-formed XML: " + e.getMessage());
    }
    Element root = dom.document.getDocumentElement();
    if (root == null) {
      throw HttpFailures.malformed(service, url, "empty document");
    }
    String name = localName(root);
    if ("error".equals(name)) {
      throw error(root, service, url);
    }
    if (!expected.equals(name)) {
      throw HttpFailures.malformed(
          service, url, "expected <" + expected + "> but the document is <" + name + ">");
    }
    return root;
  }

  private static SAXParser newParser() {
    // A factory per parse: factories and parsers are not thread-safe, and a feed parse dwarfs this.
    SAXParserFactory factory = SAXParserFactory.newInstance();
    try {
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setXIncludeAware(false);
      SAXParser parser = factory.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return parser;
    } catch (ParserConfigurationException | SAXException e) {
      // The JDK's built-in parser supports every feature above; failing here is a broken runtime.
      throw new IllegalStateException("XML parser cannot be hardened", e);
    }
  }

  /**
   * Builds the DOM the readers below walk, from SAX events, leaving out every {@code
   * rss/channel/item} after the first {@code maxItems}: what an indexer sends beyond the limit is
   * never held in memory. Errors are thrown, never printed (DefaultHandler's fatalError throws).
   */
  private static final class BoundedDom extends DefaultHandler {
    private static final int ITEM_DEPTH = 3;
    private final Document document;
    private final int maxItems;
    private Node current;
    private int depth;
    private int items;
    private int skippingFrom;

    BoundedDom(int maxItems) {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        this.document = factory.newDocumentBuilder().newDocument();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException("no DOM implementation", e);
      }
      this.current = document;
      this.maxItems = maxItems;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      depth++;
      if (skippingFrom > 0) {
        return;
      }
      if (depth == ITEM_DEPTH && uri.isEmpty() && "item".equals(localName) && ++items > maxItems) {
        skippingFrom = depth;
        return;
      }
      Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
      for (int i = 0; i < attributes.getLength(); i++) {
        String attributeUri = attributes.getURI(i);
        element.setAttributeNS(
            attributeUri.isEmpty() ? null : attributeUri,
            attributes.getQName(i),
            attributes.getValue(i));
      }
      current.appendChild(element);
      current = element;
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      if (skippingFrom > 0) {
        if (depth == skippingFrom) {
          skippingFrom = 0;
        }
      } else {
        current = current.getParentNode();
      }
      depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (skippingFrom > 0 || current == document) {
        return;
      }
      if (current.getLastChild() instanceof Text text) {
        text.appendData(new String(ch, start, length));
      } else {
        current.appendChild(document.createTextNode(new String(ch, start, length)));
      }
    }
  }

  private static TorznabCaps.SearchMode mode(Element element) {
    if (element == null) {
      return null;
    }
    boolean available = "yes".equalsIgnoreCase(element.getAttribute("available").trim());
    return TorznabCaps.SearchMode.of(available, element.getAttribute("supportedParams"));
  }

  /** Torznab and newznab attributes by name, values in document order (category repeats). */
  private static Map<String, List<String>> attributes(Element item) {
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    for (Node n = item.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && "attr".equals(e.getLocalName())
          && (TORZNAB_NS.equals(e.getNamespaceURI()) || NEWZNAB_NS.equals(e.getNamespaceURI()))) {
        String name = e.getAttribute("name").trim().toLowerCase(Locale.ROOT);
        String value = blankToNull(e.getAttribute("value"));
        if (!name.isEmpty() && value != null) {
          attrs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }
    return attrs;
  }

  private static String infoHash(String attribute, String... links) {
    if (attribute != null && HEX_40.matcher(attribute).matches()) {
      return attribute.toLowerCase(Locale.ROOT);
    }
    for (String uri : links) {
      if (uri != null && uri.startsWith("magnet:")) {
        Matcher m = BTIH.matcher(uri);
        if (m.find()) {
          return m.group(1).length() == 40
              ? m.group(1).toLowerCase(Locale.ROOT)
              : base32ToHex(m.group(1));
        }
      }
    }
    return null;
  }

  /** Magnets may carry the infohash in base32 (32 characters) instead of hex (40). */
  static String base32ToHex(String base32) {
    BigInteger value = BigInteger.ZERO;
    for (char c : base32.toUpperCase(Locale.ROOT).toCharArray()) {
      int digit = c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26;
      value = value.shiftLeft(5).or(BigInteger.valueOf(digit));
    }
    String hex = value.toString(16);
    return "0".repeat(40 - hex.length()) + hex;
  }

  private static String publishedAt(String pubDate) {
    if (pubDate == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toString();
    } catch (DateTimeParseException e) {
      return pubDate;
    }
  }

  private static Integer imdb(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = IMDB.matcher(value.trim());
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  private static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(localName(e))) {
        result.add(e);
      }
    }
    return result;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  private static String text(Element e) {
    return e == null ? null : blankToNull(e.getTextContent());
  }

  private static String first(Map<String, List<String>> attrs, String name) {
    List<String> values = attrs.get(name);
    return values == null ? null : values.get(0);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Integer parseInt(String value) {
    Long parsed = parseLong(value);
    return parsed == null || parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE
        ? null
        : parsed.intValue();
  }

  private static Long parseLong(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDouble(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
