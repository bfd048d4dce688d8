package io.temporarr.workflows.common;

/** What was requested. The search attribute {@code MediaType} holds {@link #keyword()}. */
public enum MediaType {
  MOVIE("movie"),
  TV("tv");

  private final String keyword;

  MediaType(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
