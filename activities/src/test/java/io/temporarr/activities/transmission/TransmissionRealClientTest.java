package io.temporarr.activities.transmission;

import static io.temporarr.activities.testing.Failures.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.activities.testing.Releases;
import io.temporarr.activities.torrent.SharedDownloads;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.search.Release;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The RPC session handshake, basic auth and refusals against a real transmission-daemon. */
@Tag("real-stack")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransmissionRealClientTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
  private static final String WORKFLOW = "media-request:seerr:4242";
  private static final String OTHER_WORKFLOW = "media-request:seerr:4242:s2";

  /** The label on a torrent Temporarr found already there: the user's, never deleted. */
  private static final String ADOPTED = "temporarr-adopted";

  private final OkHttpClient http = HttpClients.create();

  @TempDir Path work;

  @Test
  void logsInWithBasicAuthThroughTheSessionHandshakeAndRejectsAWrongPassword() throws Exception {
    try (TransmissionDaemon daemon = TransmissionDaemon.startWithLogin("temporarr", "horse-9")) {
      TransmissionClient client =
          new TransmissionClient(http, daemon.settings("transmission", SeedingGoals.KEEP));
      TransmissionClient wrong =
          new TransmissionClient(
              http,
              new TransmissionSettings(
                  "transmission", daemon.rpcUrl(), "temporarr", "wrong", null, null));

      client.requireLabels();
      assertThat(client.all()).isEmpty();
      assertFailure(wrong::all, ErrorTypes.UNAUTHORIZED, false);
    }
  }

  @Test
  void aDuplicateIsAnsweredAsSuchAndACorruptTorrentIsRejected() throws Exception {
    try (TransmissionDaemon daemon = TransmissionDaemon.start()) {
      TransmissionClient client =
          new TransmissionClient(http, daemon.settings("transmission", SeedingGoals.KEEP));
      TorrentSource magnet =
          new TorrentSource(HASH, "Nobody.Seeds", "magnet:?xt=urn:btih:" + HASH, null);

      TransmissionClient.Added first = client.add(magnet);
      TransmissionClient.Added again = client.add(magnet);
      client.setLabels(List.of(HASH), List.of("media-request:seerr:1", "x"));

      assertThat(first.duplicate()).isFalse();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.hash()).isEqualTo(HASH);
      assertThat(client.get(List.of(HASH)).get(0).labels())
          .containsExactly("media-request:seerr:1", "x");
      assertFailure(
          () -> client.add(new TorrentSource(HASH, "x", null, new byte[] {'d', 'e'})),
          ErrorTypes.DOWNLOAD_REJECTED,
          false);
    }
  }

  @Test
  void aTorrentTheUserAddedIsLabelledAdoptedAndKeepsItsDataWhenEveryRequestLeaves()
      throws Exception {
    TorrentPayload payload = SharedDownloads.usersMovie(work);
    String hash = payload.infoHash();
    AtomicReference<String> caller = new AtomicReference<>(WORKFLOW);
    try (TransmissionDaemon daemon = TransmissionDaemon.start()) {
      // Removed at import, the setting that deletes a torrent with its files soonest.
      TransmissionClient client =
          new TransmissionClient(
              http, daemon.settings("transmission", new SeedingGoals(null, null, true)));
      // The user's own torrent, added directly with its own label and its files complete.
      payload.copyContentTo(daemon.downloadDir());
      Path file =
          daemon.downloadDir().resolve(payload.name()).resolve(payload.mainFile().getFileName());
      client.add(new TorrentSource(hash, payload.name(), null, payload.torrentBytes()));
      client.setLabels(List.of(hash), List.of("mine"));
      TransmissionDownloadActivities activities =
          new TransmissionDownloadActivities(
                  Map.of("transmission", client), http, LinkCredentials.none())
              .withCaller(caller::get);
      Release release = Releases.torrent(payload.magnetUri(), hash);

      DownloadHandle handle =
          SharedDownloads.addForBoth(activities, "transmission", release, WORKFLOW, OTHER_WORKFLOW);

      assertThat(client.get(List.of(hash)).get(0).labels())
          .containsExactly("mine", ADOPTED, WORKFLOW, OTHER_WORKFLOW);

      // Neither the cancelled request nor the one that imports it deletes it.
      SharedDownloads.cancelThenImport(activities, caller, handle, WORKFLOW, OTHER_WORKFLOW);

      assertThat(client.get(List.of(hash)))
          .singleElement()
          .satisfies(torrent -> assertThat(torrent.labels()).containsExactly("mine", ADOPTED));
      assertThat(file).hasSameBinaryContentAs(payload.mainFile());
    }
  }
}
