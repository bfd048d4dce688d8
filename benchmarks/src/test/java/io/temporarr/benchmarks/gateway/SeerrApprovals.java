package io.temporarr.benchmarks.gateway;

/** Seerr approval webhooks (the default JSON template) for one new movie request each. */
final class SeerrApprovals {

  private SeerrApprovals() {}

  /** Approvals alternate between the two types that start a request. */
  static String type(int n) {
    return n % 2 == 0 ? "MEDIA_APPROVED" : "MEDIA_AUTO_APPROVED";
  }

  /** The webhook body Seerr sends for request {@code requestId}. */
  static String body(String type, String requestId) {
    return """
        {"notification_type":"%s","event":"New Movie Request","subject":"Big Buck Bunny (2008)",\
        "message":"A benchmark request","image":"",\
        "media":{"media_type":"movie","tmdbId":"10378","tvdbId":"","status":"PENDING","status4k":"UNKNOWN"},\
        "request":{"request_id":"%s","requestedBy_email":"bench@example.org","requestedBy_username":"bench"},\
        "issue":null,"comment":null,"extra":[]}"""
        .formatted(type, requestId);
  }
}
