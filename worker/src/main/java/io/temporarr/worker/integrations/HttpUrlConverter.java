package io.temporarr.worker.integrations;

import okhttp3.HttpUrl;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds URLs in {@code temporarr.*} straight to OkHttp's {@link HttpUrl}, so a malformed URL stops
 * start-up naming its key instead of failing on the first request.
 */
class HttpUrlConverter implements Converter<String, HttpUrl> {

  /** A blank value is no URL: {@code TEMPORARR_JELLYFIN_URL=} turns an optional service off. */
  @Override
  public HttpUrl convert(String source) {
    if (source.isBlank()) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(source.trim());
    if (url == null) {
      // The URL may carry credentials: say what is wrong, not what was given.
      throw new IllegalArgumentException("not an absolute http:// or https:// URL");
    }
    return url;
  }
}
