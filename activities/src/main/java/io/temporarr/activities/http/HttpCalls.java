package io.temporarr.activities.http;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Executes one HTTP call with the project's failure mapping, so no client repeats the
 * try-with-resources / isSuccessful / map-the-failure pattern per endpoint.
 */
public final class HttpCalls {

  /** Reads a successful response. May throw {@link ApplicationFailure} for a bad body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(Response response) throws IOException;
  }

  private HttpCalls() {}

  /**
   * Executes the request; a non-2xx answer becomes {@link HttpFailures#forResponse}, an answer
   * above a {@link BodyLimit} a non-retryable {@link HttpFailures#malformed}, any other I/O error
   * {@link HttpFailures#forIo}. The response is always closed.
   */
  public static <T> T execute(
      OkHttpClient client, Request request, String service, BodyReader<T> reader) {
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw HttpFailures.forResponse(service, response);
      }
      return reader.read(response);
    } catch (BodyLimit.TooLargeException e) {
      throw HttpFailures.malformed(service, request.url(), e.getMessage());
    } catch (IOException e) {
      throw HttpFailures.forIo(service, request.method(), request.url(), e);
    }
  }

  /** Executes the request and discards the body. */
  public static void executeDiscarding(OkHttpClient client, Request request, String service) {
    execute(client, request, service, response -> null);
  }
}
