package io.temporarr.gateway.temporal;

import java.util.Arrays;
import java.util.Optional;

/**
 * Operator actions of the API and the {@code MediaRequestWorkflow} update each one runs. The update
 * names are the interface's method names (Temporal's default); a test checks them against the
 * interface so a rename cannot silently break the API.
 */
public enum RequestAction {
  RETRY("retry", "retry"),
  SKIP_RELEASE("skip-release", "skipRelease"),
  CANCEL("cancel", "cancel");

  private final String path;
  private final String updateName;

  RequestAction(String path, String updateName) {
    this.path = path;
    this.updateName = updateName;
  }

  /** The last segment of {@code /api/requests/{id}/actions/{action}}. */
  public String path() {
    return path;
  }

  public String updateName() {
    return updateName;
  }

  public static Optional<RequestAction> fromPath(String path) {
    return Arrays.stream(values()).filter(action -> action.path.equals(path)).findFirst();
  }
}
