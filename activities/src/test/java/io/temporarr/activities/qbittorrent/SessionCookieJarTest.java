package io.temporarr.activities.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class SessionCookieJarTest {

  private static final HttpUrl QBT = HttpUrl.get("http://127.0.0.1:8080/api/v2/torrents/info");
  private static final HttpUrl OTHER = HttpUrl.get("http://192.0.2.1:8080/api/v2/torrents/info");

  @Test
  void aNewCookieOfTheSameNameReplacesTheOldOne() {
    SessionCookieJar jar = new SessionCookieJar();

    jar.saveFromResponse(QBT, List.of(Cookie.parse(QBT, "SID=first; path=/")));
    jar.saveFromResponse(QBT, List.of(Cookie.parse(QBT, "SID=second; path=/")));

    assertThat(jar.loadForRequest(QBT)).extracting(Cookie::value).containsExactly("second");
    assertThat(jar.loadForRequest(OTHER)).isEmpty();
  }

  @Test
  void anExpiredCookieDeletesTheSessionAndClearForgetsEverything() {
    SessionCookieJar jar = new SessionCookieJar();
    jar.saveFromResponse(QBT, List.of(Cookie.parse(QBT, "QBT_SID_8080=abc; path=/")));
    jar.saveFromResponse(QBT, List.of(Cookie.parse(QBT, "other=1; path=/")));

    jar.saveFromResponse(QBT, List.of(Cookie.parse(QBT, "QBT_SID_8080=; path=/; Max-Age=0")));

    assertThat(jar.loadForRequest(QBT)).extracting(Cookie::name).containsExactly("other");
    jar.clear();
    assertThat(jar.loadForRequest(QBT)).isEmpty();
  }
}
