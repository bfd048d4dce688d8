package io.temporarr.activities.seerr;

/** The media statuses Temporarr sets through {@code POST /api/v1/media/{mediaId}/{status}}. */
public enum SeerrMediaStatus {
  AVAILABLE("available"),
  /** TV only: Seerr answers 400 for a movie. */
  PARTIAL("partial");

  private final String pathSegment;

  SeerrMediaStatus(String pathSegment) {
    this.pathSegment = pathSegment;
  }

  public String pathSegment() {
    return pathSegment;
  }
}
