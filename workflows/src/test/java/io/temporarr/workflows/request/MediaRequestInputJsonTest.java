package io.temporarr.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The input is stored in every started and continued run's history: its JSON (field names and
 * order, through Temporal's default data converter) is a contract with requests in flight.
 */
class MediaRequestInputJsonTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  static final Release RELEASE =
      new Release(
          "guid-1",
          "Dune.2021.2160p",
          "indexer-a",
          1,
          Protocol.TORRENT,
          "magnet:?xt=urn:btih:abc",
          "abc",
          42L,
          7,
          3,
          "2025-01-01T00:00:00Z",
          List.of(2000, 2040),
          "2160p");

  /** Every field set, nested records included, with the canonical constructors. */
  static MediaRequestInput everyField() {
    RequestPolicy policy =
        policy(Map.of(Protocol.USENET, "sabnzbd")).withQueuedTimeout(Duration.ofDays(3));
    CarryOver carry =
        new CarryOver(
            List.of("blocked"),
            2,
            List.of("evt-1", "evt-2"),
            List.of(
                new Transition(
                    "2025-01-01T00:00:00Z",
                    RequestState.ACTIVE,
                    RequestStage.SEARCH,
                    RequestState.ACTIVE,
                    RequestStage.DOWNLOAD,
                    Causes.RELEASE_FOUND,
                    "trying Dune.2021.2160p")),
            "2025-01-01T00:00:00Z",
            RequestState.NEEDS_ATTENTION,
            RequestStage.DOWNLOAD,
            List.of(RELEASE),
            RELEASE,
            new DownloadHandle("qbittorrent", "abc", "Dune.2021.2160p"),
            new DownloadStatus(
                "qbittorrent",
                "abc",
                "media-request:seerr:1",
                "Dune.2021.2160p",
                DownloadState.DOWNLOADING,
                0.5,
                21L,
                "/downloads/Dune",
                "/downloads",
                null),
            "2025-01-01T01:00:00Z",
            "2025-01-01T02:00:00Z",
            new ErrorInfo(
                "2025-01-01T02:00:00Z",
                RequestStage.DOWNLOAD,
                Causes.STALLED,
                "no progress",
                "DownloadStatus",
                1),
            "2025-01-01T03:00:00Z");
    return new MediaRequestInput(
        "seerr",
        "1",
        MediaType.TV,
        "Severance",
        2022,
        95396,
        "tt11280740",
        371980,
        List.of(1, 2),
        1,
        55,
        "alice",
        "corr-1",
        "evt-start-1",
        policy,
        carry);
  }

  private static RequestPolicy policy(Map<Protocol, String> clientsByProtocol) {
    return new RequestPolicy(
        "qbittorrent",
        List.of("ntfy"),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofDays(1),
        3,
        Duration.ofDays(7),
        true,
        100,
        clientsByProtocol);
  }

  @Test
  void everyFieldIsWrittenUnderItsStoredNameInItsStoredOrder() throws IOException {
    assertThat(toJson(everyField())).isEqualTo(resource("/json/media-request-input.json"));
  }

  @Test
  void theStoredJsonReadsBackToTheSameInput() throws IOException {
    assertThat(fromJson(resource("/json/media-request-input.json"))).isEqualTo(everyField());
  }

  @Test
  void aSeasonChildInputRecordedBeforeClientsByProtocolStillReads() throws IOException {
    // As the first TV histories recorded it: the policy without clientsByProtocol.
    MediaRequestInput child = fromJson(resource("/json/media-request-input-season-child-v1.json"));

    assertThat(child.season()).isEqualTo(1);
    assertThat(child.seasons()).isEmpty();
    assertThat(child.tvdbId()).isEqualTo(371980);
    assertThat(child.policy().clientsByProtocol()).isEmpty();
    assertThat(child.policy().clientFor(Protocol.USENET)).isEqualTo("qbittorrent");
    assertThat(child.policy().stallTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(child.policy().queuedTimeout()).isNull();
    assertThat(child.policy().queuedTimeoutOrDefault()).isEqualTo(Duration.ofDays(7));
    assertThat(child.carryOver()).isNull();
  }

  @Test
  void aCarryOverOfTheOriginalFiveFieldsResumesAtSearch() throws IOException {
    MediaRequestInput continued =
        fromJson(resource("/json/media-request-input-carry-over-v1.json"));
    CarryOver carry = continued.carryOver();

    assertThat(carry.blocklist()).containsExactly("hash");
    assertThat(carry.releaseAttempts()).isEqualTo(2);
    assertThat(carry.appliedEventIds()).containsExactly("evt-1");
    assertThat(carry.transitions()).isEmpty();
    assertThat(carry.searchingSince()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(carry.state()).isNull();
    assertThat(carry.stage()).isNull();
    assertThat(carry.lastSearch()).isEmpty();
    assertThat(carry.currentRelease()).isNull();
    assertThat(carry.download()).isNull();
    assertThat(carry.waitingSince()).isNull();
  }

  @Test
  void theFactoriesAndCopiesWriteWhatRecordedHistoriesHold() throws IOException {
    MediaRequestInput movie =
        MediaRequestInput.movie("seerr", "replay-1", "Dune", 2021, 438631)
            .withRequester("alice", "corr-replay-1", "evt-start-replay-1");
    MediaRequestInput tv =
        MediaRequestInput.tv("seerr", "tv-7", "Severance", 2022, 95396, 371980, List.of(2, 1))
            .withRequester(null, "corr-tv-7", "evt-start-tv-7");
    // The policy the season child histories were recorded with.
    RequestPolicy policy = policy(null);

    assertThat(toJson(movie)).isEqualTo(startInput("movie-happy-path.json"));
    assertThat(toJson(tv)).isEqualTo(startInput("tv-parent-two-seasons.json"));
    assertThat(toJson(tv.forSeason(1, policy)))
        .isEqualTo(startInput("tv-season-child-changed-attributes.json"));
  }

  @Test
  void aCopyChangesOnlyWhatIsSet() {
    MediaRequestInput input = everyField();

    assertThat(input.toBuilder().build()).isEqualTo(input);
    MediaRequestInput longer = input.toBuilder().runtimeMinutes(155).build();
    assertThat(longer.runtimeMinutes()).isEqualTo(155);
    assertThat(longer).usingRecursiveComparison().ignoringFields("runtimeMinutes").isEqualTo(input);
    assertThat(input.withCarryOver(null, null).carryOver()).isNull();
    assertThat(input.withCarryOver(null, null).correlationId()).isEqualTo("corr-1");
    assertThat(MediaRequestInput.builder().build().seasons()).isEmpty();
  }

  /** The input a recorded run was started with, as its history stores it. */
  private static String startInput(String history) throws IOException {
    String json = resource("/histories/" + history);
    return WorkflowExecutionHistory.fromJson(json)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .getPayloads(0)
        .getData()
        .toStringUtf8();
  }

  static String toJson(MediaRequestInput input) {
    return CONVERTER.toPayload(input).orElseThrow().getData().toStringUtf8();
  }

  static MediaRequestInput fromJson(String json) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return CONVERTER.fromPayload(payload, MediaRequestInput.class, MediaRequestInput.class);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MediaRequestInputJsonTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
