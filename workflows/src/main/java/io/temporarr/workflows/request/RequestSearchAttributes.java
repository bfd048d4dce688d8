package io.temporarr.workflows.request;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporarr.workflows.common.SearchAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The search attributes of a media request: set at start by whoever starts one (the gateway, a
 * benchmark), so the request is listable before its first workflow task, then kept current by the
 * workflow, which upserts only the values that differ from what the run already carries (each
 * upsert is a history event and a visibility write on the server).
 */
public final class RequestSearchAttributes {

  private RequestSearchAttributes() {}

  /** What a new request carries at start: its own attributes, state Active, stage Search. */
  public static io.temporal.common.SearchAttributes atStart(MediaRequestInput input) {
    io.temporal.common.SearchAttributes.Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder();
    for (SearchAttributeUpdate<?> update :
        of(input, RequestState.ACTIVE, RequestStage.SEARCH, null)) {
      set(attributes, update);
    }
    return attributes.build();
  }

  /**
   * The updates that bring {@code current} (null: nothing known, so every value) to the request's
   * attributes in the given state and stage; values already equal are left out, absent ones (an
   * unknown requester or TMDB id) are never written.
   */
  public static List<SearchAttributeUpdate<?>> of(
      MediaRequestInput input,
      RequestState state,
      RequestStage stage,
      io.temporal.common.SearchAttributes current) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    add(updates, current, SearchAttributes.MEDIA_TYPE, input.mediaType().keyword());
    add(updates, current, SearchAttributes.MEDIA_TITLE, input.title());
    add(updates, current, SearchAttributes.REQUEST_SOURCE, input.source());
    add(updates, current, SearchAttributes.REQUESTED_BY, input.requestedBy());
    add(
        updates,
        current,
        SearchAttributes.TMDB_ID,
        input.tmdbId() == null ? null : input.tmdbId().longValue());
    updates.addAll(state(state, stage, current));
    return updates;
  }

  /** The updates of state and stage, both written when either differs from {@code current}. */
  public static List<SearchAttributeUpdate<?>> state(
      RequestState state, RequestStage stage, io.temporal.common.SearchAttributes current) {
    if (current != null
        && state.keyword().equals(current.get(SearchAttributes.REQUEST_STATE))
        && stage.keyword().equals(current.get(SearchAttributes.REQUEST_STAGE))) {
      return List.of();
    }
    return List.of(
        SearchAttributes.REQUEST_STATE.valueSet(state.keyword()),
        SearchAttributes.REQUEST_STAGE.valueSet(stage.keyword()));
  }

  private static <T> void add(
      List<SearchAttributeUpdate<?>> updates,
      io.temporal.common.SearchAttributes current,
      SearchAttributeKey<T> key,
      T value) {
    if (value != null && (current == null || !value.equals(current.get(key)))) {
      updates.add(key.valueSet(value));
    }
  }

  private static <T> void set(
      io.temporal.common.SearchAttributes.Builder attributes, SearchAttributeUpdate<T> update) {
    attributes.set(update.getKey(), update.getValue().orElseThrow());
  }
}
