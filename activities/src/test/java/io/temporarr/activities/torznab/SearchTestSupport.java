package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/** The query, canned answers and activity-environment plumbing the search tests share. */
final class SearchTestSupport {
  /** The Matrix (1999) by IMDb and TMDB id, runtime unknown. */
  static final SearchQuery MATRIX = matrix(null);

  private SearchTestSupport() {}

  static SearchQuery matrix(Integer runtimeMinutes) {
    return new SearchQuery(
        "media-request:seerr:1",
        MediaType.MOVIE,
        "The Matrix",
        1999,
        603,
        "tt0133093",
        null,
        null,
        List.of(),
        runtimeMinutes);
  }

  /** A recorded fixture under {@code src/test/resources/torznab/} as a 200 answer. */
  static MockResponse xml(String fixture) {
    return new MockResponse.Builder().body(Feeds.read(fixture)).build();
  }

  /** The fixture, with its headers held back this long (a slow or hanging indexer). */
  static MockResponse delayed(String fixture, Duration delay) {
    return new MockResponse.Builder()
        .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
        .body(Feeds.read(fixture))
        .build();
  }

  /** An empty answer with the status and, unless null, a Retry-After header. */
  static MockResponse status(int code, String retryAfter) {
    MockResponse.Builder response = new MockResponse.Builder().code(code).body("");
    if (retryAfter != null) {
      response.setHeader("Retry-After", retryAfter);
    }
    return response.build();
  }

  /** A stub of the activities running in the environment, with at most this many attempts. */
  static SearchActivities stub(
      TestActivityEnvironment environment, SearchActivities activities, int maximumAttempts) {
    environment.registerActivitiesImplementations(activities);
    return environment.newActivityStub(
        SearchActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(maximumAttempts).build())
            .build());
  }

  /** The activity failed with an application failure of this type and retryability. */
  static void assertFailedWith(ActivityFailure failure, String type, boolean nonRetryable) {
    assertThat(failure.getCause())
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            cause -> {
              assertThat(cause.getType()).isEqualTo(type);
              assertThat(cause.isNonRetryable()).isEqualTo(nonRetryable);
            });
  }
}
