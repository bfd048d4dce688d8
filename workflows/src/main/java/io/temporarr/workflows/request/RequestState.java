package io.temporarr.workflows.request;

/** Lifecycle state; {@link #keyword()} is the {@code RequestState} search-attribute value. */
public enum RequestState {
  ACTIVE("Active"),
  NEEDS_ATTENTION("NeedsAttention"),
  COMPLETED("Completed"),
  FAILED("Failed"),
  CANCELLED("Cancelled");

  private final String keyword;

  RequestState(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
