package io.temporarr.activities.notify;

/** Checks on secret values that never echo the value itself. */
final class Secrets {

  private Secrets() {}

  /**
   * True when OkHttp can send the value as a header: visible ASCII, space or tab. Checked up
   * front because OkHttp's own rejection quotes the value in its exception message for every
   * header except Authorization and Cookie.
   */
  static boolean isHeaderSafe(String value) {
    return value != null
        && !value.isEmpty()
        && value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
  }
}
