package io.temporarr.worker.retry;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a misspelt {@code temporarr.activities} key better than Spring's generic "left unbound":
 * it says whether the activity type or the setting is unknown and lists the valid names.
 */
public class UnknownActivitySettingFailureAnalyzer
    extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> implements Ordered {

  private static final ConfigurationPropertyName ROOT =
      ConfigurationPropertyName.of("temporarr.activities");

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
    List<ConfigurationProperty> unbound = cause.getUnboundProperties().stream().sorted().toList();
    if (unbound.isEmpty() || !unbound.stream().allMatch(p -> ROOT.isAncestorOf(p.getName()))) {
      return null;
    }
    List<String> keys = keys();
    StringBuilder description = new StringBuilder();
    for (ConfigurationProperty property : unbound) {
      ConfigurationPropertyName name = property.getName();
      String key =
          name.getNumberOfElements() > 2
              ? name.getElement(2, ConfigurationPropertyName.Form.DASHED)
              : "";
      String problem =
          keys.contains(key)
              ? "'" + setting(name) + "' is not a setting of an activity"
              : "'" + key + "' is not an activity type";
      description.append(String.format("%n    %s: %s", name, problem));
      if (property.getOrigin() != null) {
        description.append(String.format(" (%s)", property.getOrigin()));
      }
    }
    return new FailureAnalysis(
        "Unknown retry-policy configuration:" + description,
        "Use temporarr.activities.<type>.<setting> with <type> one of "
            + String.join(", ", keys)
            + " and <setting> one of "
            + String.join(", ", settings())
            + ".",
        cause);
  }

  @Override
  public int getOrder() {
    // Before Spring Boot's own analyzer for unbound properties, which would answer first.
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private static String setting(ConfigurationPropertyName name) {
    return name.getNumberOfElements() > 3
        ? name.getElement(3, ConfigurationPropertyName.Form.DASHED)
        : "";
  }

  private static List<String> keys() {
    return Stream.concat(Stream.of("defaults"), ActivityPolicies.keys().stream()).toList();
  }

  private static List<String> settings() {
    return Arrays.stream(ActivitySettings.class.getRecordComponents())
        .map(RecordComponent::getName)
        .map(ActivityPolicies::kebab)
        .toList();
  }
}
