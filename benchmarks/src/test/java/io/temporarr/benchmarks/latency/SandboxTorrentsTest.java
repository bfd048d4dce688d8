package io.temporarr.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxTorrentsTest {

  @Test
  void keepsOnlyTorrentsAtOneHundredPercentWithWhatTheAutorunCommandPassesOn() throws Exception {
    String body =
        """
        [{"hash":"aa","name":"A","category":"temporarr","tags":"media-request:bench:1",
          "content_path":"/d/A/A.mkv","progress":1.0,"state":"uploading"},
         {"hash":"bb","name":"B","category":"temporarr","tags":"media-request:bench:2",
          "content_path":"/d/B/B.mkv","progress":0.5,"state":"downloading"}]
        """;

    assertThat(SandboxTorrents.parseCompleted(body))
        .containsExactly(
            new SandboxTorrents.Torrent(
                "aa", "A", "temporarr", "media-request:bench:1", "/d/A/A.mkv"));
  }

  @Test
  void findsTheRequestWorkflowAmongTheTorrentsTags() {
    SandboxTorrents.Torrent torrent =
        new SandboxTorrents.Torrent("aa", "A", "c", "other, media-request:bench:7 ,x", "/p");
    SandboxTorrents.Torrent foreign = new SandboxTorrents.Torrent("bb", "B", "c", "x,y", "/p");

    assertThat(torrent.requestWorkflowId()).contains("media-request:bench:7");
    assertThat(foreign.requestWorkflowId()).isEmpty();
  }
}
