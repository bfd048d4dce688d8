package io.temporarr.worker.retry;

import io.temporarr.workflows.common.ActivityTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Declarative retry policies: {@code temporarr.activities.defaults} plus one optional entry per
 * activity type, keyed by the kebab-case form of the SDK activity type name ({@code add-download}
 * is {@code AddDownload}). Unknown keys and misspelt settings stop start-up ({@code
 * ignoreUnknownFields = false}), so a typo never silently falls back to the defaults.
 */
@Validated
@ConsistentActivityPolicies
@ConfigurationProperties(prefix = "temporarr.activities", ignoreUnknownFields = false)
public record ActivityPolicies(
    @NotNull(
            message =
                "is required: every activity needs at least a start-to-close timeout;"
                    + " set temporarr.activities.defaults.start-to-close, e.g. 30s")
        @Valid
        ActivitySettings defaults,
    @Valid ActivitySettings search,
    @Valid ActivitySettings addDownload,
    @Valid ActivitySettings downloadStatus,
    @Valid ActivitySettings removeDownload,
    @Valid ActivitySettings pollDownloads,
    @Valid ActivitySettings retireDownload,
    @Valid ActivitySettings removeSeeded,
    @Valid ActivitySettings verifyDownload,
    @Valid ActivitySettings importMedia,
    @Valid ActivitySettings sendNotification,
    @Valid ActivitySettings refreshLibrary,
    @Valid ActivitySettings markAvailable,
    @Valid ActivitySettings requestPolicy) {

  /**
   * Configuration key → SDK activity type, derived from {@link ActivityTypes#ALL}: the key is the
   * type kebab-cased ({@code AddDownload} → {@code add-download}), which is also how Spring names
   * this record's components.
   */
  private static final Map<String, String> TYPES =
      ActivityTypes.ALL.stream()
          .collect(Collectors.toUnmodifiableMap(ActivityPolicies::kebab, Function.identity()));

  /** Keys of local activities: no heartbeat, options applied as LocalActivityOptions. */
  public static final Set<String> LOCAL = Set.of(kebab(ActivityTypes.REQUEST_POLICY));

  /** The activity keys, in declaration order ({@code search}, {@code add-download}, …). */
  public static List<String> keys() {
    return Arrays.stream(ActivityPolicies.class.getRecordComponents())
        .map(RecordComponent::getName)
        .filter(name -> !name.equals("defaults"))
        .map(ActivityPolicies::kebab)
        .toList();
  }

  /** Each activity key with its own settings as written (unset values not yet defaulted). */
  public Map<String, ActivitySettings> overrides() {
    Map<String, ActivitySettings> byKey = new LinkedHashMap<>();
    for (RecordComponent component : ActivityPolicies.class.getRecordComponents()) {
      if (component.getName().equals("defaults")) {
        continue;
      }
      ActivitySettings settings;
      try {
        settings = (ActivitySettings) component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      byKey.put(
          kebab(component.getName()), settings != null ? settings : ActivitySettings.inheritAll());
    }
    return Collections.unmodifiableMap(byKey);
  }

  /** Each activity key with its effective settings: its own values over the defaults. */
  public Map<String, ActivitySettings> effective() {
    ActivitySettings base = defaults != null ? defaults : ActivitySettings.inheritAll();
    Map<String, ActivitySettings> byKey = new LinkedHashMap<>();
    overrides().forEach((key, settings) -> byKey.put(key, settings.withDefaults(base)));
    return Collections.unmodifiableMap(byKey);
  }

  /** The SDK activity type ({@link ActivityTypes}) configured by a key. */
  public static String activityType(String key) {
    String type = TYPES.get(key);
    if (type == null) {
      throw new IllegalArgumentException("no activity type for key " + key);
    }
    return type;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
