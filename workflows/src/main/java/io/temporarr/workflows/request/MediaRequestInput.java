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
    return builder()
        .source(source)
        .sourceRequestId(sourceRequestId)
        .mediaType(MediaType.MOVIE)
        .title(title)
        .year(year)
        .tmdbId(tmdbId)
        .build();
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
    return builder()
        .source(source)
        .sourceRequestId(sourceRequestId)
        .mediaType(MediaType.TV)
        .title(title)
        .year(year)
        .tmdbId(tmdbId)
        .tvdbId(tvdbId)
        .seasons(seasons)
        .build();
  }

  public MediaRequestInput withRequester(String requestedBy, String correlationId, String eventId) {
    return toBuilder()
        .requestedBy(requestedBy)
        .correlationId(correlationId)
        .eventId(eventId)
        .build();
  }

  public MediaRequestInput withCarryOver(RequestPolicy policy, CarryOver carryOver) {
    return toBuilder().policy(policy).carryOver(carryOver).build();
  }

  /** The input of the child that handles one season. */
  public MediaRequestInput forSeason(int seasonNumber, RequestPolicy childPolicy) {
    return toBuilder()
        .seasons(List.of())
        .season(seasonNumber)
        .policy(childPolicy)
        .carryOver(null)
        .build();
  }

  /** An empty builder: every field null (seasons empty) until set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this input's fields, for a copy with some of them changed. */
  public Builder toBuilder() {
    return new Builder()
        .source(source)
        .sourceRequestId(sourceRequestId)
        .mediaType(mediaType)
        .title(title)
        .year(year)
        .tmdbId(tmdbId)
        .imdbId(imdbId)
        .tvdbId(tvdbId)
        .seasons(seasons)
        .season(season)
        .runtimeMinutes(runtimeMinutes)
        .requestedBy(requestedBy)
        .correlationId(correlationId)
        .eventId(eventId)
        .policy(policy)
        .carryOver(carryOver);
  }

  /**
   * Builds an input field by field, e.g. {@code input.toBuilder().runtimeMinutes(155).build()}: new
   * fields reach every copy without touching its callers.
   */
  public static final class Builder {
    private String source;
    private String sourceRequestId;
    private MediaType mediaType;
    private String title;
    private Integer year;
    private Integer tmdbId;
    private String imdbId;
    private Integer tvdbId;
    private List<Integer> seasons;
    private Integer season;
    private Integer runtimeMinutes;
    private String requestedBy;
    private String correlationId;
    private String eventId;
    private RequestPolicy policy;
    private CarryOver carryOver;

    private Builder() {}

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder sourceRequestId(String sourceRequestId) {
      this.sourceRequestId = sourceRequestId;
      return this;
    }

    public Builder mediaType(MediaType mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder year(Integer year) {
      this.year = year;
      return this;
    }

    public Builder tmdbId(Integer tmdbId) {
      this.tmdbId = tmdbId;
      return this;
    }

    public Builder imdbId(String imdbId) {
      this.imdbId = imdbId;
      return this;
    }

    public Builder tvdbId(Integer tvdbId) {
      this.tvdbId = tvdbId;
      return this;
    }

    public Builder seasons(List<Integer> seasons) {
      this.seasons = seasons;
      return this;
    }

    public Builder season(Integer season) {
      this.season = season;
      return this;
    }

    public Builder runtimeMinutes(Integer runtimeMinutes) {
      this.runtimeMinutes = runtimeMinutes;
      return this;
    }

    public Builder requestedBy(String requestedBy) {
      this.requestedBy = requestedBy;
      return this;
    }

    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder policy(RequestPolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder carryOver(CarryOver carryOver) {
      this.carryOver = carryOver;
      return this;
    }

    public MediaRequestInput build() {
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
  }
}
