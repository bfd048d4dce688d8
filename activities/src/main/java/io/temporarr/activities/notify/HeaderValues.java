package io.temporarr.activities.notify;

/** Header-value checks that never echo the value (it may be a secret). */
final class HeaderValues {

  private HeaderValues() {}

  /**
   * True when the value is non-blank and OkHttp can send it as a header: visible ASCII, space or
   * tab. Checked up front because OkHttp's own rejection quotes the value in its exception message
   * for every header except Authorization and Cookie.
   */
  static boolean isSendable(String value) {
    return value != null
        && !value.isBlank()
        && value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
  }
}
