package io.temporarr.worker;

/**
 * Configuration that binds and validates field by field but does not fit together (a policy naming
 * a download client that is not configured, settings an activity rejects). Stops start-up; {@link
 * InvalidConfigurationFailureAnalyzer} prints the key and the fix.
 */
public class InvalidConfigurationException extends RuntimeException {

  private final String key;
  private final String action;

  /**
   * @param key the configuration key at fault, e.g. {@code temporarr.requests.download-client}
   * @param problem what is wrong; never a secret value
   * @param action how to fix it
   */
  public InvalidConfigurationException(String key, String problem, String action) {
    super(key + ": " + problem);
    this.key = key;
    this.action = action;
  }

  public String key() {
    return key;
  }

  public String action() {
    return action;
  }
}
