package io.temporarr.gateway.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Field;
import java.util.Comparator;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * The one place for the bounds of every input field the gateway accepts (Seerr notifications,
 * signed events' data, qBittorrent completions, operator API bodies). The published event schemas
 * under {@code docs/events/} carry the same numbers; a test keeps them equal. Values beyond a bound
 * are refused with 400 {@link GatewayProblem#fieldOutOfBounds} naming the field, before anything
 * reaches Temporal (titles become search attributes, each season a child workflow).
 */
public final class InputLimits {
  /** Characters of a title (after Seerr's " (year)" suffix is taken off). */
  public static final int TITLE = 300;

  /** Characters of Seerr's subject: a title plus " (YYYY)". */
  public static final int SUBJECT = TITLE + 7;

  /** Distinct seasons of one request: each starts a child workflow. */
  public static final int SEASONS = 100;

  /** Highest season number (workflow IDs carry at most three digits: {@code :s999}). */
  public static final int SEASON_NUMBER = 999;

  /** Characters of a requester's user name (a search attribute). */
  public static final int REQUESTED_BY = 128;

  /** Characters of a request source name ({@code seerr}, {@code jellyseerr} …). */
  public static final int SOURCE = 32;

  /** Characters of a source's request ID, TMDB/TVDB IDs as text, notification types. */
  public static final int IDENTIFIER = 64;

  /** Characters of an audit-log reason. */
  public static final int REASON = 500;

  /** Characters of a torrent name, category or content path as a download client reports it. */
  public static final int CLIENT_TEXT = 4096;

  /** Seerr {@code extra} entries, and characters of each entry's name and value. */
  public static final int EXTRA_ENTRIES = 50;

  public static final int EXTRA_TEXT = 8192;

  /** Characters of free text the gateway ignores but still reads (Seerr's event, status …). */
  public static final int TEXT = 1024;

  /** Violations name fields as the JSON does ({@code media.media_type}), not as Java does. */
  private static final ValidatorFactory FACTORY =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .propertyNodeNameProvider(new JsonNames())
          .buildValidatorFactory();

  private InputLimits() {}

  /**
   * Checks a bound body's Bean Validation constraints.
   *
   * @throws GatewayProblem 400 naming the first offending field (by its JSON path)
   */
  public static void check(Object body) {
    if (body == null) {
      return;
    }
    Validator validator = FACTORY.getValidator();
    Set<ConstraintViolation<Object>> violations = validator.validate(body);
    violations.stream()
        .min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
        .ifPresent(
            violation -> {
              throw GatewayProblem.fieldOutOfBounds(
                  violation.getPropertyPath().toString(), violation.getMessage());
            });
  }

  private static final class JsonNames implements PropertyNodeNameProvider {
    @Override
    public String getName(Property property) {
      if (property instanceof JavaBeanProperty bean) {
        try {
          Field field = bean.getDeclaringClass().getDeclaredField(bean.getName());
          JsonProperty json = field.getAnnotation(JsonProperty.class);
          if (json != null && !json.value().isEmpty()) {
            return json.value();
          }
        } catch (NoSuchFieldException e) {
          return property.getName();
        }
      }
      return property.getName();
    }
  }
}
