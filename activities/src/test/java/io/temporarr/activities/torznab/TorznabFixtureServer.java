package io.temporarr.activities.torznab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporarr.activities.torrent.TorrentFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.HttpUrl;

/**
 * A tiny Torznab indexer for tests that need one over real HTTP (the worker's real-stack suite
 * serves a real .torrent through it to a real qBittorrent).
 *
 * <ul>
 *   <li>{@code GET /1/api?t=caps&apikey=K}: caps offering search, tv-search and movie-search by
 *       {@code q}, {@code imdbid}, {@code tmdbid}, {@code tvdbid} and {@code season}
 *   <li>{@code GET /1/api?t=search|movie|tvsearch&apikey=K…}: a Prowlarr-style RSS feed of every
 *       item given to {@link #serve}, whatever the query (tests choose what an indexer "finds")
 *   <li>{@code GET /download/N.torrent}: the bytes of item N's .torrent ({@code
 *       application/x-bittorrent}), no key needed, as for a tracker's passkey link
 *   <li>a missing or wrong {@code apikey}: HTTP 401 with {@code <error code="100"/>}, as Prowlarr
 * </ul>
 *
 * Binds 127.0.0.1 on a free port. Usage:
 *
 * <pre>{@code
 * try (TorznabFixtureServer fixture = TorznabFixtureServer.start("test-key")) {
 *   fixture.serve(List.of(FixtureItem.ofTorrentFile("Big.Buck.Bunny.2008.1080p", bytes, 5)));
 *   TorznabIndexer indexer = fixture.indexer("fixture", 0);
 *   // search through a TorznabClient, add the release's downloadUrl to qBittorrent …
 * }
 * }</pre>
 */
public final class TorznabFixtureServer implements AutoCloseable {

  /**
   * One release the fixture lists.
   *
   * @param torrent .torrent bytes served under {@link #downloadUrl(int)}; null for a magnet-only
   *     item
   * @param magnetUrl listed as the {@code magneturl} attribute when not null
   */
  public record FixtureItem(
      String title,
      String infoHash,
      long sizeBytes,
      int seeders,
      int leechers,
      List<Integer> categories,
      byte[] torrent,
      String magnetUrl) {

    public FixtureItem {
      categories = categories == null ? List.of(2000) : List.copyOf(categories);
    }

    /** An item downloadable as the given .torrent; infohash and size are read from the file. */
    public static FixtureItem ofTorrentFile(String title, byte[] torrent, int seeders) {
      TorrentFile parsed = TorrentFile.parse(torrent);
      return new FixtureItem(
          title, parsed.infoHash(), parsed.totalSize(), seeders, 0, null, torrent, null);
    }

    /** A magnet-only item. */
    public static FixtureItem ofMagnet(String title, String infoHash, long sizeBytes, int seeders) {
      return new FixtureItem(
          title,
          infoHash,
          sizeBytes,
          seeders,
          0,
          null,
          null,
          "magnet:?xt=urn:btih:" + infoHash + "&dn=" + title);
    }
  }

  private static final String API_PATH = "/1/api";
  private static final String DOWNLOAD_PREFIX = "/download/";
  private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String apiKey;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<HttpUrl> requests = new CopyOnWriteArrayList<>();
  private volatile List<FixtureItem> items = List.of();

  private TorznabFixtureServer(String apiKey) throws IOException {
    this.apiKey = apiKey;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts the indexer; it accepts only {@code apiKey}. */
  public static TorznabFixtureServer start(String apiKey) throws IOException {
    return new TorznabFixtureServer(apiKey);
  }

  /** Replaces what every search answers. */
  public void serve(List<FixtureItem> items) {
    this.items = List.copyOf(items);
  }

  /** The Prowlarr-style endpoint, {@code http://127.0.0.1:port/1/api}. */
  public HttpUrl apiUrl() {
    return base().newBuilder().encodedPath(API_PATH).build();
  }

  /** Settings for a {@link TorznabClient} pointing at this fixture. */
  public TorznabIndexer indexer(String name, int priority) {
    return TorznabIndexer.torrent(name, apiUrl(), apiKey, priority);
  }

  /** Where item {@code index} (in {@link #serve} order) is downloaded from. */
  public HttpUrl downloadUrl(int index) {
    return base().newBuilder().encodedPath(DOWNLOAD_PREFIX + index + ".torrent").build();
  }

  /** Every request received so far, in order (API and downloads). */
  public List<HttpUrl> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private HttpUrl base() {
    return new HttpUrl.Builder()
        .scheme("http")
        .host(server.getAddress().getAddress().getHostAddress())
        .port(server.getAddress().getPort())
        .build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      HttpUrl url = base().resolve(exchange.getRequestURI().toString());
      requests.add(url);
      String path = url.encodedPath();
      if (path.startsWith(DOWNLOAD_PREFIX)) {
        download(exchange, path.substring(DOWNLOAD_PREFIX.length()));
      } else if (!path.equals(API_PATH)) {
        respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      } else if (!apiKey.equals(url.queryParameter("apikey"))) {
        respond(exchange, 401, "application/xml", xml(error(100, "Invalid API Key")));
      } else if ("caps".equals(url.queryParameter("t"))) {
        respond(exchange, 200, "application/xml", xml(CAPS));
      } else {
        respond(exchange, 200, "application/rss+xml", xml(feed()));
      }
    } finally {
      exchange.close();
    }
  }

  private void download(HttpExchange exchange, String file) throws IOException {
    List<FixtureItem> current = items;
    String number = file.endsWith(".torrent") ? file.substring(0, file.length() - 8) : "";
    int index = number.matches("\\d{1,6}") ? Integer.parseInt(number) : -1;
    if (index < 0 || index >= current.size() || current.get(index).torrent() == null) {
      respond(exchange, 404, "text/plain", "no such torrent".getBytes(StandardCharsets.UTF_8));
      return;
    }
    respond(exchange, 200, "application/x-bittorrent", current.get(index).torrent());
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String feed() {
    StringBuilder xml =
        new StringBuilder(
            "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
                + " xmlns:torznab=\"http://torznab.com/schemas/2015/feed\"><channel>"
                + "<atom:link rel=\"self\" type=\"application/rss+xml\"/>"
                + "<title>Temporarr fixture</title>");
    String published = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(RFC_822);
    List<FixtureItem> current = items;
    for (int i = 0; i < current.size(); i++) {
      FixtureItem item = current.get(i);
      String link = item.torrent() != null ? downloadUrl(i).toString() : item.magnetUrl();
      xml.append("<item>")
          .append(element("title", item.title()))
          .append(element("guid", apiUrl().resolve("/details/" + i)))
          .append(element("pubDate", published))
          .append(element("size", item.sizeBytes()))
          .append(element("link", link))
          .append("<enclosure url=\"")
          .append(escape(link))
          .append("\" length=\"")
          .append(item.sizeBytes())
          .append("\" type=\"application/x-bittorrent\"/>");
      item.categories().forEach(c -> xml.append(attr("category", c)));
      xml.append(attr("seeders", item.seeders()))
          .append(attr("peers", item.seeders() + item.leechers()))
          .append(attr("infohash", item.infoHash()));
      if (item.magnetUrl() != null) {
        xml.append(attr("magneturl", item.magnetUrl()));
      }
      xml.append(attr("downloadvolumefactor", 1)).append("</item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private static final String CAPS =
      "<caps><server title=\"Temporarr fixture\"/><limits default=\"100\" max=\"100\"/><searching>"
          + "<search available=\"yes\" supportedParams=\"q\"/>"
          + "<tv-search available=\"yes\" supportedParams=\"q,season,ep,imdbid,tvdbid,tmdbid\"/>"
          + "<movie-search available=\"yes\" supportedParams=\"q,imdbid,tmdbid\"/>"
          + "</searching><categories><category id=\"2000\" name=\"Movies\"/>"
          + "<category id=\"5000\" name=\"TV\"/></categories></caps>";

  private static String error(int code, String description) {
    return "<error code=\"" + code + "\" description=\"" + escape(description) + "\"/>";
  }

  private static byte[] xml(String document) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String element(String name, Object value) {
    return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
  }

  private static String attr(String name, Object value) {
    return "<torznab:attr name=\"" + name + "\" value=\"" + escape(String.valueOf(value)) + "\"/>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
