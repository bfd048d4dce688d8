package io.temporarr.activities.qbittorrent;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * Keeps the WebUI session cookie whatever its name: {@code SID} up to qBittorrent 5.1, {@code
 * QBT_SID_<port>} from 5.2. In memory only; a new login starts from an empty jar.
 */
final class SessionCookieJar implements CookieJar {

  private final List<Cookie> cookies = new ArrayList<>();

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    long now = System.currentTimeMillis();
    for (Cookie cookie : received) {
      cookies.removeIf(
          held ->
              held.name().equals(cookie.name())
                  && held.domain().equals(cookie.domain())
                  && held.path().equals(cookie.path()));
      if (cookie.expiresAt() > now) {
        cookies.add(cookie);
      }
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = System.currentTimeMillis();
    cookies.removeIf(cookie -> cookie.expiresAt() <= now);
    return cookies.stream().filter(cookie -> cookie.matches(url)).toList();
  }

  synchronized void clear() {
    cookies.clear();
  }
}
