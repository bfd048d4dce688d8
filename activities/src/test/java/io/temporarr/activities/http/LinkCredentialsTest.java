package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class LinkCredentialsTest {

  private static final String PROWLARR_LINK =
      "http://prowlarr:9696/1/download?apikey=s3cr3t&link=abc&file=The.Matrix.1999";

  @Test
  void redactReplacesProwlarrAndJackettKeysAndKeepsEverythingElse() {
    HttpUrl prowlarr = HttpUrl.get(LinkCredentials.redact(PROWLARR_LINK));
    assertThat(prowlarr.queryParameter("apikey")).isEqualTo(LinkCredentials.PLACEHOLDER);
    assertThat(prowlarr.queryParameter("link")).isEqualTo("abc");
    assertThat(prowlarr.queryParameter("file")).isEqualTo("The.Matrix.1999");

    String jackett =
        LinkCredentials.redact(
            "http://jackett:9117/dl/x/?jackett_apikey=k3y&path=p&file=f&ApiKey=other");
    assertThat(jackett).doesNotContain("k3y").doesNotContain("other").contains("path=p");
  }

  @Test
  void redactLeavesMagnetsPlainLinksAndGarbageAlone() {
    String magnet = "magnet:?xt=urn:btih:0a1b2c3d4e5f60718293a4b5c6d7e8f901234567&dn=x";
    assertThat(LinkCredentials.redact(magnet)).isEqualTo(magnet);
    assertThat(LinkCredentials.redact("http://t/x.torrent?id=1"))
        .isEqualTo("http://t/x.torrent?id=1");
    assertThat(LinkCredentials.redact("not a link")).isEqualTo("not a link");
    assertThat(LinkCredentials.redact(null)).isNull();
  }

  @Test
  void restorePutsTheKeyBackOnlyForTheIndexersOwnHostAndPort() {
    LinkCredentials credentials =
        LinkCredentials.of(Map.of(HttpUrl.get("http://prowlarr:9696/1/api"), "s3cr3t"));
    HttpUrl redacted = HttpUrl.get(LinkCredentials.redact(PROWLARR_LINK));

    assertThat(credentials.restore(redacted).queryParameter("apikey")).isEqualTo("s3cr3t");
    HttpUrl elsewhere = HttpUrl.get("http://evil.example:9696/1/download?apikey=redacted");
    assertThat(credentials.restore(elsewhere)).isEqualTo(elsewhere);
    HttpUrl otherPort = HttpUrl.get("http://prowlarr:9697/1/download?apikey=redacted");
    assertThat(credentials.restore(otherPort)).isEqualTo(otherPort);
  }

  @Test
  void restoreLeavesLinksWithoutAPlaceholderAndUnconfiguredKeysAlone() {
    LinkCredentials credentials =
        LinkCredentials.of(
            Map.of(
                HttpUrl.get("http://prowlarr:9696/1/api"), "s3cr3t",
                HttpUrl.get("http://jackett:9117/api"), " "));
    HttpUrl ownKey = HttpUrl.get("http://prowlarr:9696/1/download?apikey=given");
    assertThat(credentials.restore(ownKey)).isEqualTo(ownKey);
    HttpUrl jackett = HttpUrl.get("http://jackett:9117/dl?jackett_apikey=redacted");
    assertThat(credentials.restore(jackett)).isEqualTo(jackett);
    assertThat(LinkCredentials.none().restore(jackett)).isEqualTo(jackett);
  }
}
