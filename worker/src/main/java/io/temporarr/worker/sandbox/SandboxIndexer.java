package io.temporarr.worker.sandbox;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sandbox indexer, a simulator for the embedded default, never used against real services: a
 * Torznab endpoint at {@value #PATH} (as Prowlarr serves one indexer) that fabricates plausible
 * releases for whatever is asked.
 *
 * <p>{@code t=caps} describes search ({@code q}), movie-search ({@code q, imdbid, tmdbid}) and
 * tv-search ({@code q, season, ep, tvdbid, tmdbid}). {@code t=search|movie|tvsearch} answers RSS
 * 2.0 with Torznab attributes: per query up to three releases named after the query, e.g. {@code
 * Title.2023.1080p.WEB-DL.x264-SANDBOX}, then a 2160p and a 720p one ({@code Title.S01} season
 * packs or {@code Title.S01E02} episodes for TV), with realistic sizes and seeders. Links are
 * magnet URIs whose infohash is the SHA-1 of the release name (lower-case hex), so the same query
 * always yields the same releases and the sandbox download client can "download" them. A search
 * without query or ids is the RSS feed of a real indexer; here it is empty. Errors are Torznab
 * {@code <error code description>} bodies: 100 with HTTP 401 for a missing or wrong {@code apikey}
 * (as Prowlarr), 200/201/203 with HTTP 400 for missing, bad or unknown parameters.
 *
 * <p>Failure hook for demos and tests: a query whose {@code q} contains {@value #FAIL_MARKER} is
 * answered like a rejected API key (100 with HTTP 401), a non-retryable failure, so a request
 * titled e.g. {@code "Broken [fail]"} (without ids, so the title is sent) needs attention.
 *
 * <p>Fault switch, so operators can rehearse the runbooks (docs/operations.md) and tests can make
 * requests need attention on purpose: {@code PUT /sandbox/torznab/fault?status=401} makes every
 * later API call answer that HTTP status with a Torznab error body (401: code 100 "Invalid API
 * Key", as a revoked key; any other 4xx/5xx: code 900 "Simulated fault"); {@code DELETE
 * /sandbox/torznab/fault} heals the indexer. Both answer 204.
 */
final class SandboxIndexer {

  static final String PATH = "/sandbox/torznab/api";
  static final String FAIL_MARKER = "[fail]";
  static final String FAULT_PATH = "/sandbox/torznab/fault";
  static final String TORZNAB_NS = "http://torznab.com/schemas/2015/feed";
  static final MediaType RSS = new MediaType("application", "rss+xml", StandardCharsets.UTF_8);
  static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);

  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final Pattern NOT_NAME_CHARS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final long GB = 1024L * 1024 * 1024;

  /** Fabricated in this order; {@code releasesPerSearch} keeps the first ones. */
  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("1080p", "x264", 2040, 5040, 8 * GB, 2 * GB, 120, 14),
          new Variant("2160p", "x265", 2045, 5045, 21 * GB, 6 * GB, 35, 9),
          new Variant("720p", "x264", 2040, 5040, 3 * GB, GB, 60, 5));

  private final String apiKey;
  private final int releasesPerSearch;
  private final Clock clock;

  /** The status every API call answers while the fault switch is on; null when healthy. */
  private volatile HttpStatus fault;

  SandboxIndexer(String apiKey, int releasesPerSearch, Clock clock) {
    this.apiKey = apiKey;
    this.releasesPerSearch = releasesPerSearch;
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET(PATH, this::api)
        .PUT(FAULT_PATH, this::setFault)
        .DELETE(FAULT_PATH, this::clearFault)
        .build();
  }

  private ServerResponse setFault(ServerRequest request) {
    HttpStatus status =
        request
            .param("status")
            .map(String::strip)
            .filter(v -> v.matches("[45][0-9][0-9]"))
            .map(v -> HttpStatus.resolve(Integer.parseInt(v)))
            .orElse(null);
    if (status == null) {
      return ServerResponse.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("status must be an HTTP error status (4xx or 5xx)\n");
    }
    fault = status;
    return ServerResponse.noContent().build();
  }

  private ServerResponse clearFault(ServerRequest request) {
    fault = null;
    return ServerResponse.noContent().build();
  }

  private ServerResponse api(ServerRequest request) throws XMLStreamException {
    HttpStatus simulated = fault;
    if (simulated != null) {
      return simulated == HttpStatus.UNAUTHORIZED
          ? error(simulated, 100, "Invalid API Key")
          : error(simulated, 900, "Simulated fault");
    }
    String key =
        request
            .param("apikey")
            .or(() -> Optional.ofNullable(request.headers().firstHeader("X-Api-Key")))
            .orElse("");
    if (key.isBlank()
        || (apiKey != null && !apiKey.equals(key))
        || request.param("q").filter(q -> q.contains(FAIL_MARKER)).isPresent()) {
      return error(HttpStatus.UNAUTHORIZED, 100, "Invalid API Key");
    }
    String function = request.param("t").orElse("");
    try {
      return switch (function) {
        case "caps" -> xml(XML, caps());
        case "search", "movie", "tvsearch" -> xml(RSS, search(function, Query.of(request)));
        case "" -> error(HttpStatus.BAD_REQUEST, 200, "Missing parameter (t)");
        default -> error(HttpStatus.BAD_REQUEST, 203, "Function not available");
      };
    } catch (BadParameter e) {
      return error(HttpStatus.BAD_REQUEST, 201, "Incorrect parameter (" + e.getMessage() + ")");
    }
  }

  /** The releases a query yields, before category filtering and paging (used by tests too). */
  List<SandboxRelease> releasesFor(String function, Query query) {
    boolean tv =
        function.equals("tvsearch")
            || (function.equals("search") && (query.season() != null || query.ep() != null));
    String base = baseName(query);
    if (base.isEmpty()) {
      return List.of();
    }
    String episode = "";
    if (tv && query.season() != null) {
      episode = String.format(Locale.ROOT, ".S%02d", query.season());
      if (query.ep() != null) {
        episode += String.format(Locale.ROOT, "E%02d", query.ep());
      }
    }
    boolean seasonPack = tv && query.ep() == null;
    List<SandboxRelease> releases = new ArrayList<>();
    for (int i = 0; i < releasesPerSearch; i++) {
      Variant variant = VARIANTS.get(i);
      String name =
          base + episode + "." + variant.quality() + ".WEB-DL." + variant.codec() + "-SANDBOX";
      String hash = sha1(name);
      long baseSize = tv ? variant.episodeSize() * (seasonPack ? 10 : 1) : variant.movieSize();
      // a few hundred MB of hash-derived jitter so sizes do not look fabricated
      long size = baseSize + (Integer.parseInt(hash.substring(0, 4), 16) % 512) * 1024L * 1024;
      releases.add(
          new SandboxRelease(
              name,
              hash,
              "magnet:?xt=urn:btih:"
                  + hash
                  + "&dn="
                  + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
              size,
              variant.seeders(),
              variant.leechers(),
              List.of(tv ? 5000 : 2000, tv ? variant.tvCategory() : variant.movieCategory()),
              clock.instant().minus(Duration.ofHours(3L * (i + 1)))));
    }
    return releases;
  }

  private String search(String function, Query query) throws XMLStreamException {
    List<SandboxRelease> releases =
        releasesFor(function, query).stream()
            .filter(
                r ->
                    query.categories().isEmpty()
                        || r.categories().stream().anyMatch(query.categories()::contains))
            .toList();
    List<SandboxRelease> page =
        releases.stream().skip(query.offset()).limit(query.limit()).toList();
    StringWriter out = new StringWriter();
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("rss");
    xml.writeAttribute("version", "2.0");
    xml.writeNamespace("torznab", TORZNAB_NS);
    xml.writeStartElement("channel");
    element(xml, "title", "Temporarr sandbox indexer");
    element(xml, "description", "Simulated releases for the Temporarr sandbox, not a real indexer");
    xml.writeEmptyElement(TORZNAB_NS, "response");
    xml.writeAttribute("offset", Integer.toString(query.offset()));
    xml.writeAttribute("total", Integer.toString(releases.size()));
    for (SandboxRelease release : page) {
      xml.writeStartElement("item");
      element(xml, "title", release.name());
      xml.writeStartElement("guid");
      xml.writeAttribute("isPermaLink", "false");
      xml.writeCharacters("sandbox-" + release.infoHash());
      xml.writeEndElement();
      element(xml, "pubDate", RFC_822.format(release.publishedAt()));
      element(xml, "size", Long.toString(release.size()));
      element(xml, "link", release.magnetUri());
      xml.writeEmptyElement("enclosure");
      xml.writeAttribute("url", release.magnetUri());
      xml.writeAttribute("length", Long.toString(release.size()));
      xml.writeAttribute("type", "application/x-bittorrent");
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("seeders", release.seeders());
      attributes.put("peers", release.seeders() + release.leechers());
      attributes.put("leechers", release.leechers());
      attributes.put("infohash", release.infoHash());
      attributes.put("magneturl", release.magnetUri());
      attributes.put("size", release.size());
      attributes.put("downloadvolumefactor", 1);
      attributes.put("uploadvolumefactor", 1);
      query.tmdbId().ifPresent(id -> attributes.put("tmdbid", id));
      query.imdbId().ifPresent(id -> attributes.put("imdb", id));
      query.tvdbId().ifPresent(id -> attributes.put("tvdbid", id));
      for (Integer category : release.categories()) {
        attribute(xml, "category", category);
      }
      for (Map.Entry<String, Object> entry : attributes.entrySet()) {
        attribute(xml, entry.getKey(), entry.getValue());
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();
    return out.toString();
  }

  private static String caps() throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("caps");
    xml.writeEmptyElement("server");
    xml.writeAttribute("title", "Temporarr sandbox indexer (simulated)");
    xml.writeAttribute("version", "1.0");
    xml.writeEmptyElement("limits");
    xml.writeAttribute("default", "100");
    xml.writeAttribute("max", "100");
    xml.writeStartElement("searching");
    searching(xml, "search", "q");
    searching(xml, "tv-search", "q,season,ep,tvdbid,tmdbid");
    searching(xml, "movie-search", "q,imdbid,tmdbid");
    xml.writeEndElement();
    xml.writeStartElement("categories");
    category(xml, 2000, "Movies", Map.of(2030, "Movies/SD", 2040, "Movies/HD", 2045, "Movies/UHD"));
    category(xml, 5000, "TV", Map.of(5030, "TV/SD", 5040, "TV/HD", 5045, "TV/UHD"));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();
    return out.toString();
  }

  private static void searching(XMLStreamWriter xml, String name, String params)
      throws XMLStreamException {
    xml.writeEmptyElement(name);
    xml.writeAttribute("available", "yes");
    xml.writeAttribute("supportedParams", params);
  }

  private static void category(
      XMLStreamWriter xml, int id, String name, Map<Integer, String> subcategories)
      throws XMLStreamException {
    xml.writeStartElement("category");
    xml.writeAttribute("id", Integer.toString(id));
    xml.writeAttribute("name", name);
    for (Map.Entry<Integer, String> sub :
        subcategories.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      xml.writeEmptyElement("subcat");
      xml.writeAttribute("id", Integer.toString(sub.getKey()));
      xml.writeAttribute("name", sub.getValue());
    }
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static void attribute(XMLStreamWriter xml, String name, Object value)
      throws XMLStreamException {
    xml.writeEmptyElement(TORZNAB_NS, "attr");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", value.toString());
  }

  private static ServerResponse xml(MediaType type, String body) {
    return ServerResponse.ok().contentType(type).body(body);
  }

  private static ServerResponse error(HttpStatus status, int code, String description) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeEmptyElement("error");
      xml.writeAttribute("code", Integer.toString(code));
      xml.writeAttribute("description", description);
      xml.writeEndDocument();
      xml.close();
      return ServerResponse.status(status).contentType(XML).body(out.toString());
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The query as a dotted release-name stem; from the ids when there is no text query. */
  private static String baseName(Query query) {
    String text =
        query
            .q()
            .or(() -> query.tmdbId().map(id -> "Sandbox Title tmdb" + id))
            .or(() -> query.imdbId().map(id -> "Sandbox Title tt" + id))
            .or(() -> query.tvdbId().map(id -> "Sandbox Title tvdb" + id))
            .orElse("");
    String dotted = NOT_NAME_CHARS.matcher(text).replaceAll(".");
    return dotted.replaceAll("^\\.+|\\.+$", "");
  }

  static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }

  /** One fabricated release. */
  record SandboxRelease(
      String name,
      String infoHash,
      String magnetUri,
      long size,
      int seeders,
      int leechers,
      List<Integer> categories,
      Instant publishedAt) {}

  private record Variant(
      String quality,
      String codec,
      int movieCategory,
      int tvCategory,
      long movieSize,
      long episodeSize,
      int seeders,
      int leechers) {}

  /** The Torznab search parameters the simulator reads. */
  record Query(
      Optional<String> q,
      Optional<Integer> tmdbId,
      Optional<String> imdbId,
      Optional<Integer> tvdbId,
      Integer season,
      Integer ep,
      Set<Integer> categories,
      int offset,
      int limit) {

    static Query of(ServerRequest request) {
      return new Query(
          request.param("q").map(String::strip).filter(q -> !q.isEmpty()),
          Optional.ofNullable(number(request, "tmdbid")),
          request
              .param("imdbid")
              .map(String::strip)
              .filter(id -> !id.isEmpty())
              .map(id -> id.startsWith("tt") ? id.substring(2) : id)
              .map(id -> digits("imdbid", id)),
          Optional.ofNullable(number(request, "tvdbid")),
          number(request, "season"),
          number(request, "ep"),
          request
              .param("cat")
              .map(
                  cat ->
                      Arrays.stream(cat.split(","))
                          .map(String::strip)
                          .filter(c -> !c.isEmpty())
                          .map(c -> parse("cat", c))
                          .collect(Collectors.toSet()))
              .orElse(Set.of()),
          Optional.ofNullable(number(request, "offset")).orElse(0),
          Optional.ofNullable(number(request, "limit")).orElse(100));
    }

    private static Integer number(ServerRequest request, String name) {
      return request
          .param(name)
          .map(String::strip)
          .filter(v -> !v.isEmpty())
          .map(v -> parse(name, v))
          .orElse(null);
    }

    private static int parse(String name, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number < 0) {
          throw new BadParameter(name);
        }
        return number;
      } catch (NumberFormatException e) {
        throw new BadParameter(name);
      }
    }

    private static String digits(String name, String value) {
      if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new BadParameter(name);
      }
      return value;
    }
  }

  private static final class BadParameter extends RuntimeException {
    BadParameter(String parameter) {
      super(parameter, null, false, false);
    }
  }
}
