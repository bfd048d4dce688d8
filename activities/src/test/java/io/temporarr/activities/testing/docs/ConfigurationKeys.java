package io.temporarr.activities.testing.docs;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;

/**
 * Every key the {@code @ConfigurationProperties} records of one application bind. The records are
 * found by scanning the application's package, so renaming a package below it changes nothing here;
 * each is walked component by component, names in Spring's dashed form ({@code stallTimeout} →
 * {@code stall-timeout}).
 *
 * <p>A component is a group of keys when its type is a record that Spring cannot convert from one
 * string, or a record declared inside another class (Spring Boot's configuration processor treats
 * member classes as nested groups the same way). Any other type is one key: strings, numbers,
 * enums, durations, sizes, URLs, a secret wrapper built from one string. A map of groups adds a
 * {@value #ENTRY} segment for its entries ({@code temporarr.indexers.<name>.url}), a list of groups
 * adds {@code []} ({@code temporarr.processing.path-mappings[].client}); a map or list of values is
 * one key ({@code temporarr.requests.notifiers}).
 */
public final class ConfigurationKeys {
  /** The segment standing for the names of a map's entries. */
  public static final String ENTRY = "<name>";

  private static final ConversionService CONVERSION =
      ApplicationConversionService.getSharedInstance();
  private static final int MAX_DEPTH = 10;

  private ConfigurationKeys() {}

  /** The keys of every {@code @ConfigurationProperties} record in the application's package. */
  public static SortedSet<String> of(Class<?> application) {
    SortedSet<String> keys = new TreeSet<>();
    for (Class<?> properties : Scanning.annotated(application, ConfigurationProperties.class)) {
      ConfigurationProperties annotation =
          AnnotatedElementUtils.findMergedAnnotation(properties, ConfigurationProperties.class);
      keys.addAll(of(annotation.prefix(), properties));
    }
    return keys;
  }

  /**
   * The keys of one properties record under {@code prefix}.
   *
   * @throws IllegalArgumentException for a class that is not a record (this walk reads record
   *     components only; the project's properties are records)
   */
  public static SortedSet<String> of(String prefix, Class<?> properties) {
    if (!properties.isRecord()) {
      throw new IllegalArgumentException(
          properties.getName() + " is not a record: make it one, or teach ConfigurationKeys beans");
    }
    SortedSet<String> keys = new TreeSet<>();
    walk(prefix, properties, keys, 0);
    return keys;
  }

  private static void walk(String prefix, Class<?> record, Set<String> keys, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("properties nested deeper than " + MAX_DEPTH + ": " + prefix);
    }
    for (RecordComponent component : record.getRecordComponents()) {
      String key = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
      add(key, ResolvableType.forType(component.getGenericType()), keys, depth);
    }
  }

  private static void add(String key, ResolvableType type, Set<String> keys, int depth) {
    Class<?> raw = type.toClass();
    Class<?> nested = raw;
    String groupKey = key;
    if (Map.class.isAssignableFrom(raw)) {
      nested = type.asMap().getGeneric(1).toClass();
      groupKey = key + "." + ENTRY;
    } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      nested = raw.isArray() ? raw.getComponentType() : type.asCollection().getGeneric(0).toClass();
      groupKey = key + "[]";
    }
    if (isGroup(nested)) {
      walk(groupKey, nested, keys, depth + 1);
    } else {
      keys.add(key);
    }
  }

  private static boolean isGroup(Class<?> type) {
    return type.isRecord() && (type.isMemberClass() || !CONVERSION.canConvert(String.class, type));
  }
}
