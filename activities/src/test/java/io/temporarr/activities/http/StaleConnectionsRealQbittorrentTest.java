package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentNox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 5 of issue 16 against real qbittorrent-nox: its WebUI drops a keep-alive connection idle for
 * longer than its keep-alive window (7 s, checked every 2 s); the next call on the pooled
 * connection used to fail every time. Now a GET and a POST after the idle close both succeed.
 */
@Tag("real-stack")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StaleConnectionsRealQbittorrentTest {

  /** Longer than qBittorrent's keep-alive window plus its scan interval. */
  private static final Duration IDLE = Duration.ofSeconds(12);

  @Test
  void callsAfterQbittorrentClosedTheIdleConnectionSucceed() throws Exception {
    try (QbittorrentNox nox = QbittorrentNox.start()) {
      QbittorrentClient client =
          new QbittorrentClient(HttpClients.create(), nox.settings("qbittorrent", "temporarr"));
      assertThat(client.webApiVersion()).isNotBlank();
      client.infoTagged("none");

      // Real time is the point here: qBittorrent closes the connection on its own clock.
      Thread.sleep(IDLE.toMillis());
      assertThat(client.infoTagged("none")).isEmpty();

      Thread.sleep(IDLE.toMillis());
      client.stop(List.of("0123456789abcdef0123456789abcdef01234567"));
    }
  }
}
