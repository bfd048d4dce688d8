package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.torznab.TorznabFixtureServer.FixtureItem;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TorznabFixtureServerTest {
  private static final SearchQuery QUERY =
      new SearchQuery("w", MediaType.MOVIE, "Sintel", 2010, 45745, "tt1727587", null, null, null);

  private final OkHttpClient http = HttpClients.create();

  /** A minimal single-file v1 .torrent: {announce, info{length, name, piece length, pieces}}. */
  private static byte[] torrent() throws Exception {
    byte[] info = infoDictionary();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        "d8:announce31:http://127.0.0.1:1/announce.php4:info".getBytes(StandardCharsets.US_ASCII));
    out.write(info);
    out.write('e');
    return out.toByteArray();
  }

  private static byte[] infoDictionary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        "d6:lengthi1048576e4:name10:Sintel.mkv12:piece lengthi262144e6:pieces80:"
            .getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[80]);
    out.write('e');
    return out.toByteArray();
  }

  @Test
  void servesCapsAFeedAndTheTorrentFileItLists() throws Exception {
    byte[] torrent = torrent();
    String expectedHash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(infoDictionary()));

    try (TorznabFixtureServer fixture = TorznabFixtureServer.start("fixture-key")) {
      fixture.serve(
          List.of(
              FixtureItem.ofTorrentFile("Sintel.2010.1080p.BluRay.x264", torrent, 7),
              FixtureItem.ofMagnet(
                  "Sintel.2010.720p.WEB", "cccccccccccccccccccccccccccccccccccccccc", 5000, 2)));
      TorznabClient client = new TorznabClient(http, fixture.indexer("fixture", 3));

      List<Release> releases = client.search(QUERY);

      assertThat(client.caps().movieSearch().supports("imdbid")).isTrue();
      assertThat(releases).hasSize(2);
      Release file = releases.get(0);
      assertThat(file.infoHash()).isEqualTo(expectedHash);
      assertThat(file.sizeBytes()).isEqualTo(1048576);
      assertThat(file.seeders()).isEqualTo(7);
      assertThat(file.indexerPriority()).isEqualTo(3);
      assertThat(file.downloadUrl()).isEqualTo(fixture.downloadUrl(0).toString());
      assertThat(file.quality()).isEqualTo("1080p");
      assertThat(releases.get(1).downloadUrl()).startsWith("magnet:?xt=urn:btih:cccc");
      assertThat(fixture.requests().get(1).queryParameter("imdbid")).isEqualTo("1727587");

      try (Response response =
          http.newCall(new Request.Builder().url(file.downloadUrl()).build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-bittorrent");
        assertThat(response.body().bytes()).isEqualTo(torrent);
      }
    }
  }

  @Test
  void wrongApiKeyIsAnsweredLikeProwlarr() throws Exception {
    try (TorznabFixtureServer fixture = TorznabFixtureServer.start("right")) {
      TorznabClient client =
          new TorznabClient(http, TorznabIndexer.torrent("fixture", fixture.apiUrl(), "wrong", 0));

      ApplicationFailure failure =
          catchThrowableOfType(ApplicationFailure.class, () -> client.search(QUERY));

      assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
    }
  }

  @Test
  void unknownPathsAndMissingTorrentsAre404() throws Exception {
    try (TorznabFixtureServer fixture = TorznabFixtureServer.start("k")) {
      fixture.serve(
          List.of(
              FixtureItem.ofMagnet(
                  "Magnet.Only", "dddddddddddddddddddddddddddddddddddddddd", 1, 1)));

      assertThat(status(fixture.apiUrl().resolve("/elsewhere").toString())).isEqualTo(404);
      assertThat(status(fixture.downloadUrl(0).toString())).isEqualTo(404);
      assertThat(status(fixture.downloadUrl(5).toString())).isEqualTo(404);
      assertThat(status(fixture.apiUrl().resolve("/download/x.bin").toString())).isEqualTo(404);
      assertThat(fixture.requests()).hasSize(4);
    }
  }

  private int status(String url) throws Exception {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    }
  }
}
