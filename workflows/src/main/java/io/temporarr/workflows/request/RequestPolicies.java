package io.temporarr.workflows.request;

import io.temporarr.workflows.policy.RequestPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link RequestPolicy} before a run relies on it. */
final class RequestPolicies {
  private RequestPolicies() {}

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
