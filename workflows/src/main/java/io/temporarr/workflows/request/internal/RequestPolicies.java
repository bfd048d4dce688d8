package io.temporarr.workflows.request.internal;

import io.temporal.failure.ActivityFailure;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads and checks a {@link RequestPolicy} before a run relies on it. */
final class RequestPolicies {
  private RequestPolicies() {}

  /**
   * The policy for this media type, from the worker's configuration (a local activity).
   *
   * @throws IllegalStateException when it cannot be read or is invalid: that fails the workflow
   *     task, not the request, so it is retried until the worker is fixed
   */
  static RequestPolicy read(PolicyActivities policies, MediaType mediaType) {
    RequestPolicy read;
    try {
      read = policies.requestPolicy(mediaType);
    } catch (ActivityFailure e) {
      RequestFailures.rethrowIfCancelled(e);
      throw new IllegalStateException("request policy unavailable: " + e.getMessage(), e);
    }
    List<String> problems = problems(read);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid request policy: " + problems);
    }
    return read;
  }

  /** What is wrong with the policy; empty when it can be used. */
  static List<String> problems(RequestPolicy policy) {
    List<String> problems = new ArrayList<>();
    if (policy == null) {
      problems.add("no request policy");
      return problems;
    }
    if (policy.downloadClient() == null || policy.downloadClient().isBlank()) {
      problems.add("downloadClient is required");
    }
    positive(problems, "stallTimeout", policy.stallTimeout());
    positive(problems, "researchInterval", policy.researchInterval());
    positive(problems, "wantedTimeout", policy.wantedTimeout());
    positive(problems, "needsAttentionTimeout", policy.needsAttentionTimeout());
    positive(problems, "queuedTimeout", policy.queuedTimeoutOrDefault());
    if (policy.maxReleaseAttempts() < 1) {
      problems.add("maxReleaseAttempts must be at least 1");
    }
    return problems;
  }

  private static void positive(List<String> problems, String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be a positive duration");
    }
  }
}
