package io.temporarr.benchmarks.polling;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a form body as OkHttp sends them to qBittorrent: {@code
 * application/x-www-form-urlencoded} ({@code FormBody}: login, delete, addTags) or {@code
 * multipart/form-data} ({@code MultipartBody}: torrents/add). A field given twice keeps its last
 * value; file parts are kept as text (the fake never needs their bytes).
 */
public final class FormFields {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

  private FormFields() {}

  /**
   * @param contentType the request's Content-Type header, null for none
   * @param body the request body as UTF-8 text
   * @return field name → value; empty when the body is empty or the type is neither form kind
   */
  public static Map<String, String> parse(String contentType, String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (contentType == null || body == null || body.isEmpty()) {
      return fields;
    }
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    } else if (contentType.startsWith("multipart/form-data")) {
      Matcher boundary = BOUNDARY.matcher(contentType);
      if (boundary.find()) {
        for (String part : body.split(Pattern.quote("--" + boundary.group(1)))) {
          int headersEnd = part.indexOf("\r\n\r\n");
          if (headersEnd < 0) {
            continue; // the preamble and the closing "--"
          }
          Matcher name = PART_NAME.matcher(part.substring(0, headersEnd));
          if (name.find()) {
            String value = part.substring(headersEnd + 4);
            fields.put(
                name.group(1),
                value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
          }
        }
      }
    }
    return fields;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
