package io.temporarr.activities.transmission;

import static io.temporarr.activities.testing.Failures.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RPC session handshake, basic auth and refusals against a real transmission-daemon. */
@Tag("real-stack")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransmissionRealClientTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

  private final OkHttpClient http = HttpClients.create();

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
}
