package io.temporarr.gateway.seerr;

import io.temporarr.gateway.Answer;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.observability.CorrelationFilter;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.problem.InputLimits;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What each Seerr notification means for a request workflow: an approval starts it, a decline
 * cancels it, everything else (TEST_NOTIFICATION, MEDIA_PENDING, MEDIA_AVAILABLE, ISSUE_* …) is
 * answered and ignored. Event IDs are derived from the payload ({@code
 * seerr:<request_id>:<notification_type>}) so a repeated delivery is recognisable downstream.
 */
@Service
class SeerrNotifications {
  private static final Logger log = LoggerFactory.getLogger(SeerrNotifications.class);

  /** The {@code RequestSource} and workflow-ID source of Seerr requests. */
  static final String SOURCE = "seerr";

  static final String MEDIA_APPROVED = "MEDIA_APPROVED";
  static final String MEDIA_AUTO_APPROVED = "MEDIA_AUTO_APPROVED";
  static final String MEDIA_DECLINED = "MEDIA_DECLINED";
  static final String REQUESTED_SEASONS = "Requested Seasons";

  /** Seerr's subject for media is {@code Title (Year)} when the release year is known. */
  private static final Pattern TITLE_WITH_YEAR =
      Pattern.compile("^(?<title>.*\\S)\\s*\\((?<year>\\d{4})\\)$");

  private final RequestIntake intake;

  SeerrNotifications(RequestIntake intake) {
    this.intake = intake;
  }

  Answer handle(SeerrNotification notification) {
    InputLimits.check(notification);
    String type = required(notification.notificationType(), "notification_type");
    return switch (type) {
      case MEDIA_APPROVED, MEDIA_AUTO_APPROVED -> approve(notification, type);
      case MEDIA_DECLINED -> decline(notification, type);
      default -> {
        log.info("Seerr {} ignored", type);
        yield Answer.ignored(null, "notification type starts nothing");
      }
    };
  }

  private Answer approve(SeerrNotification notification, String type) {
    String requestId = requestId(notification);
    // Checked before the media, so a bad request ID is named first whatever else is wrong.
    workflowId(requestId);
    SeerrNotification.Media media = notification.media();
    if (media == null) {
      throw GatewayProblem.invalidField("media", "an approval must describe the requested media");
    }
    MediaType mediaType = mediaType(media.mediaType());
    Integer tmdbId = integer(media.tmdbId(), "media.tmdbId", true);
    Integer tvdbId = integer(media.tvdbId(), "media.tvdbId", false);
    String subject = required(notification.subject(), "subject");
    Matcher titled = TITLE_WITH_YEAR.matcher(subject.strip());
    String title = titled.matches() ? titled.group("title") : subject.strip();
    if (title.length() > InputLimits.TITLE) {
      throw GatewayProblem.fieldOutOfBounds(
          "subject", "the title must be at most " + InputLimits.TITLE + " characters");
    }
    Integer year = titled.matches() ? Integer.valueOf(titled.group("year")) : null;

    MediaRequestInput input =
        mediaType == MediaType.TV
            ? MediaRequestInput.tv(
                SOURCE, requestId, title, year, tmdbId, tvdbId, seasons(notification.extra()))
            : MediaRequestInput.movie(SOURCE, requestId, title, year, tmdbId);
    input =
        input.withRequester(
            blankToNull(notification.request().requestedByUsername()),
            CorrelationFilter.current(),
            eventId(requestId, type));
    return intake.start(delivery(type), input);
  }

  private Answer decline(SeerrNotification notification, String type) {
    String requestId = requestId(notification);
    OperatorAction cancel =
        new OperatorAction(eventId(requestId, type), SOURCE, "declined in " + SOURCE);
    return intake.cancel(delivery(type), workflowId(requestId), cancel);
  }

  /** How the intake names a delivery in the log, e.g. {@code Seerr MEDIA_APPROVED}. */
  private static String delivery(String type) {
    return "Seerr " + type;
  }

  static String eventId(String requestId, String notificationType) {
    return SOURCE + ":" + requestId + ":" + notificationType;
  }

  private static String requestId(SeerrNotification notification) {
    if (notification.request() == null) {
      throw GatewayProblem.invalidField("request", "the notification carries no request");
    }
    return required(notification.request().requestId(), "request.request_id");
  }

  private static String workflowId(String requestId) {
    try {
      return WorkflowIds.mediaRequest(SOURCE, requestId);
    } catch (IllegalArgumentException e) {
      throw GatewayProblem.invalidField(
          "request.request_id", "must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }

  private static MediaType mediaType(String value) {
    String type = required(value, "media.media_type");
    for (MediaType candidate : MediaType.values()) {
      if (candidate.keyword().equals(type)) {
        return candidate;
      }
    }
    throw GatewayProblem.invalidField("media.media_type", "must be \"movie\" or \"tv\"");
  }

  /** "1, 2" → [1, 2]; TV approvals without the entry leave the choice to the workflow. */
  private static List<Integer> seasons(List<SeerrNotification.Extra> extra) {
    List<Integer> seasons = new ArrayList<>();
    for (SeerrNotification.Extra entry : extra) {
      if (!REQUESTED_SEASONS.equals(entry.name()) || entry.value() == null) {
        continue;
      }
      for (String part : entry.value().split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          int season = Integer.parseInt(part.strip());
          if (season < 0 || season > InputLimits.SEASON_NUMBER) {
            throw new NumberFormatException();
          }
          if (!seasons.contains(season)) {
            seasons.add(season);
          }
          if (seasons.size() > InputLimits.SEASONS) {
            throw GatewayProblem.fieldOutOfBounds(
                "extra[Requested Seasons]",
                "at most " + InputLimits.SEASONS + " distinct seasons per request");
          }
        } catch (NumberFormatException e) {
          throw GatewayProblem.invalidField(
              "extra[Requested Seasons]", "must be a comma-separated list of season numbers");
        }
      }
    }
    seasons.sort(null);
    return seasons;
  }

  private static Integer integer(String value, String field, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw GatewayProblem.invalidField(field, "is required");
      }
      return null;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed <= 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw GatewayProblem.invalidField(field, "must be a positive whole number");
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw GatewayProblem.invalidField(field, "is required");
    }
    return value.strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
