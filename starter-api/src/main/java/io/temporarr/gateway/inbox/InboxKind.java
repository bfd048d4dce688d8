package io.temporarr.gateway.inbox;

import java.util.Arrays;

/** What an inbox entry asks Temporal to do; {@link #code()} is what the database stores. */
public enum InboxKind {
  /** Start the request workflow (payload: {@code MediaRequestInput}). */
  START("start"),
  /** Signal {@code downloadFinished} (payload: {@code DownloadFinished}). */
  SIGNAL_DOWNLOAD_FINISHED("signal-download-finished"),
  /**
   * Cancel the request, as its source declined or cancelled it (payload: {@code OperatorAction}).
   */
  CANCEL("cancel");

  private final String code;

  InboxKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  static InboxKind fromCode(String code) {
    return Arrays.stream(values())
        .filter(kind -> kind.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown inbox kind " + code));
  }
}
