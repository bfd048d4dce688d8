package io.temporarr.workflows.request;

import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.policy.RequestPolicy;
import java.util.List;

/**
 * Input of {@link MediaRequestWorkflow}. Fields may be added; callers set what they know.
 *
 * @param source request source name ("seerr", "events", …); part of the workflow ID
 * @param sourceRequestId the source's own request id; part of the workflow ID
 * @param seasons requested seasons of a TV request (one child workflow each)
 * @param season set only on a season child: the one season it handles
 * @param runtimeMinutes the title's runtime when known (used by verification)
 * @param correlationId one id per request across webhook, workflow, activities and logs
 * @param eventId the id of the event that started the request (de-duplication of later signals)
 * @param policy set by a parent for its children and across continue-as-new; null = read it
 * @param carryOver state carried across continue-as-new; null on a fresh start
 */
public record MediaRequestInput(
    String source,
    String sourceRequestId,
    MediaType mediaType,
    String title,
    Integer year,
    Integer tmdbId,
    String imdbId,
    Integer tvdbId,
    List<Integer> seasons,
    Integer season,
    Integer runtimeMinutes,
    String requestedBy,
    String correlationId,
    String eventId,
    RequestPolicy policy,
    CarryOver carryOver) {

  public MediaRequestInput {
    seasons = seasons == null ? List.of() : List.copyOf(seasons);
  }

  /** A movie request as a webhook would describe it. */
  public static MediaRequestInput movie(
      String source, String sourceRequestId, String title, Integer year, Integer tmdbId) {
    return new MediaRequestInput(
        source,
        sourceRequestId,
        MediaType.MOVIE,
        title,
        year,
        tmdbId,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A TV request for the given seasons. */
  public static MediaRequestInput tv(
      String source,
      String sourceRequestId,
      String title,
      Integer year,
      Integer tmdbId,
      Integer tvdbId,
      List<Integer> seasons) {
    return new MediaRequestInput(
        source,
        sourceRequestId,
        MediaType.TV,
        title,
        year,
        tmdbId,
        null,
        tvdbId,
        seasons,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public MediaRequestInput withRequester(String requestedBy, String correlationId, String eventId) {
    return new MediaRequestInput(
        source,
        sourceRequestId,
        mediaType,
        title,
        year,
        tmdbId,
        imdbId,
        tvdbId,
        seasons,
        season,
        runtimeMinutes,
        requestedBy,
        correlationId,
        eventId,
        policy,
        carryOver);
  }

  public MediaRequestInput withCarryOver(RequestPolicy policy, CarryOver carryOver) {
    return new MediaRequestInput(
        source,
        sourceRequestId,
        mediaType,
        title,
        year,
        tmdbId,
        imdbId,
        tvdbId,
        seasons,
        season,
        runtimeMinutes,
        requestedBy,
        correlationId,
        eventId,
        policy,
        carryOver);
  }

  /** The input of the child that handles one season. */
  public MediaRequestInput forSeason(int seasonNumber, RequestPolicy childPolicy) {
    return new MediaRequestInput(
        source,
        sourceRequestId,
        mediaType,
        title,
        year,
        tmdbId,
        imdbId,
        tvdbId,
        List.of(),
        seasonNumber,
        runtimeMinutes,
        requestedBy,
        correlationId,
        eventId,
        childPolicy,
        null);
  }
}
