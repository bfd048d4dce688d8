package io.temporarr.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.SearchAttributeUpdate;
import io.temporarr.workflows.common.SearchAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSearchAttributesTest {

  private static final MediaRequestInput DUNE =
      MediaRequestInput.movie("seerr", "1", "Dune", 2021, 438631).withRequester("alice", "c", "e");

  @Test
  void atStartCarriesTheRequestActiveInSearch() {
    io.temporal.common.SearchAttributes start = RequestSearchAttributes.atStart(DUNE);

    assertThat(start.get(SearchAttributes.MEDIA_TYPE)).isEqualTo("movie");
    assertThat(start.get(SearchAttributes.MEDIA_TITLE)).isEqualTo("Dune");
    assertThat(start.get(SearchAttributes.REQUEST_SOURCE)).isEqualTo("seerr");
    assertThat(start.get(SearchAttributes.REQUESTED_BY)).isEqualTo("alice");
    assertThat(start.get(SearchAttributes.TMDB_ID)).isEqualTo(438631L);
    assertThat(start.get(SearchAttributes.REQUEST_STATE)).isEqualTo("Active");
    assertThat(start.get(SearchAttributes.REQUEST_STAGE)).isEqualTo("Search");
  }

  @Test
  void nothingKnownWritesEveryPresentValue() {
    MediaRequestInput anonymous = MediaRequestInput.movie("seerr", "2", "Dune", 2021, null);

    assertThat(
            names(
                RequestSearchAttributes.of(
                    anonymous, RequestState.ACTIVE, RequestStage.SEARCH, null)))
        .containsExactly(
            "MediaType", "MediaTitle", "RequestSource", "RequestState", "RequestStage");
  }

  @Test
  void valuesTheRunAlreadyCarriesAreLeftOut() {
    io.temporal.common.SearchAttributes start = RequestSearchAttributes.atStart(DUNE);

    assertThat(RequestSearchAttributes.of(DUNE, RequestState.ACTIVE, RequestStage.SEARCH, start))
        .isEmpty();
    assertThat(
            names(
                RequestSearchAttributes.of(
                    DUNE, RequestState.ACTIVE, RequestStage.DOWNLOAD, start)))
        .containsExactly("RequestState", "RequestStage");
  }

  @Test
  void aChangedTitleIsWrittenAlone() {
    io.temporal.common.SearchAttributes start =
        RequestSearchAttributes.atStart(
            MediaRequestInput.movie("seerr", "1", "Dune Part One", 2021, 438631)
                .withRequester("alice", "c", "e"));

    List<SearchAttributeUpdate<?>> updates =
        RequestSearchAttributes.of(DUNE, RequestState.ACTIVE, RequestStage.SEARCH, start);

    assertThat(names(updates)).containsExactly("MediaTitle");
    assertThat((Object) updates.get(0).getValue().orElseThrow()).isEqualTo("Dune");
  }

  @Test
  void stateAndStageAreWrittenTogetherWhenEitherChanges() {
    io.temporal.common.SearchAttributes start = RequestSearchAttributes.atStart(DUNE);

    assertThat(RequestSearchAttributes.state(RequestState.ACTIVE, RequestStage.SEARCH, start))
        .isEmpty();
    assertThat(
            names(
                RequestSearchAttributes.state(
                    RequestState.NEEDS_ATTENTION, RequestStage.SEARCH, start)))
        .containsExactly("RequestState", "RequestStage");
    assertThat(
            RequestSearchAttributes.state(RequestState.ACTIVE, RequestStage.SEARCH, null).stream()
                .map(u -> (Object) u.getValue().orElseThrow()))
        .containsExactly("Active", "Search");
  }

  private static List<String> names(List<SearchAttributeUpdate<?>> updates) {
    return updates.stream().map(u -> u.getKey().getName()).toList();
  }
}
