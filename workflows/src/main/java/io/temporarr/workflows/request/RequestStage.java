package io.temporarr.workflows.request;

/** Pipeline stage; {@link #keyword()} is the {@code RequestStage} search-attribute value. */
public enum RequestStage {
  SEARCH("Search"),
  DOWNLOAD("Download"),
  PROCESS("Process"),
  NOTIFY("Notify");

  private final String keyword;

  RequestStage(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
