package io.temporarr.activities.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class QbittorrentSettingsTest {

  private static final HttpUrl BASE = HttpUrl.get("http://127.0.0.1:8080/");

  @Test
  void toStringNamesTheAuthKindButNeverThePasswordOrKey() {
    QbittorrentSettings login =
        new QbittorrentSettings("qbittorrent", BASE, "admin", "hunter2", null, "tv", "/data");
    QbittorrentSettings key =
        new QbittorrentSettings("qbittorrent", BASE, null, null, "qbt_s3cr3t", null, null);

    assertThat(login.toString()).contains("login(admin)", "tv", "/data").doesNotContain("hunter2");
    assertThat(key.toString()).contains("apiKey").doesNotContain("qbt_s3cr3t");
    assertThat(QbittorrentSettings.withoutLogin("qbittorrent", BASE, null).toString())
        .contains("auth=none");
  }

  @Test
  void logsInOnlyWithAUsernameAndNoApiKey() {
    assertThat(new QbittorrentSettings("q", BASE, "a", "b", null, null, null).logsIn()).isTrue();
    assertThat(new QbittorrentSettings("q", BASE, "a", "b", "qbt_k", null, null).logsIn())
        .isFalse();
    assertThat(QbittorrentSettings.withoutLogin("q", BASE, null).logsIn()).isFalse();
  }

  @Test
  void rejectsIncompleteSettings() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings(" ", BASE, null, null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings(null, BASE, null, null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings("q", null, null, null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings("q", BASE, "admin", null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings("q", BASE, null, "pw", null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings("q", BASE, null, null, "qbt_a b", null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new QbittorrentSettings("q", BASE, null, null, " ", null, null));
  }
}
