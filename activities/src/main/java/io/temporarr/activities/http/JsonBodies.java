package io.temporarr.activities.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Reading JSON answers with the project's failure mapping: a body that is not JSON, or a list that
 * is not a list, is a non-retryable {@code MalformedResponse} ({@link HttpFailures#malformed}).
 */
public final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /** The response body as a JSON tree; never null. */
  public static JsonNode read(Response response, String service) throws IOException {
    try {
      JsonNode root = MAPPER.readTree(response.body().string());
      if (root == null || root.isMissingNode()) {
        throw HttpFailures.malformed(service, response.request().url(), "empty body");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw HttpFailures.malformed(service, response.request().url(), "not JSON");
    }
  }

  /**
   * Each element of the list {@code parent.field}, read by {@code element} (which throws {@link
   * ApplicationFailure} for an element it cannot use). An absent or null list is empty.
   */
  public static <T> List<T> list(
      JsonNode parent, String field, String service, HttpUrl url, Function<JsonNode, T> element) {
    JsonNode list = parent.get(field);
    List<T> values = new ArrayList<>();
    if (list == null || list.isNull()) {
      return values;
    }
    if (!list.isArray()) {
      throw HttpFailures.malformed(service, url, field + " is not a list");
    }
    for (JsonNode node : list) {
      values.add(element.apply(node));
    }
    return values;
  }
}
