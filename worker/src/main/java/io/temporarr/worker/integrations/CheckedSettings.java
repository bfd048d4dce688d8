package io.temporarr.worker.integrations;

import io.temporarr.worker.InvalidConfigurationException;
import java.util.function.Supplier;

/**
 * The activities module validates its settings in constructors; this names the key at fault. Their
 * messages never hold secret values.
 */
final class CheckedSettings {

  private CheckedSettings() {}

  /**
   * @param key the configuration key the settings come from, e.g. {@code temporarr.notifiers.ntfy}
   * @param settings builds the settings (or a client from them)
   * @return what {@code settings} built
   * @throws InvalidConfigurationException when it rejects a value ({@link
   *     IllegalArgumentException})
   */
  static <T> T checked(String key, Supplier<T> settings) {
    try {
      return settings.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          key,
          e.getMessage(),
          "Correct " + key + " in application.yml or its environment variable.");
    }
  }
}
