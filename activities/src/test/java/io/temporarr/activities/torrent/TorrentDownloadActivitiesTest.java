package io.temporarr.activities.torrent;

import static io.temporarr.activities.testing.Failures.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.testing.FailureAssertions;
import io.temporarr.activities.testing.Releases;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The rules every torrent client shares, on an in-memory client. */
class TorrentDownloadActivitiesTest {

  private static final String CLIENT = "fake";
  private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";
  private static final String WORKFLOW = "media-request:seerr:42";
  private static final String OTHER_WORKFLOW = "media-request:radarr:7";
  private static final String IMPORTED = SeedingGoals.IMPORTED_MARK;
  private static final String ADOPTED = TorrentDownloadActivities.ADOPTED_MARK;
  private static final DownloadHandle HANDLE = new DownloadHandle(CLIENT, HASH.toUpperCase(), "x");

  /** A torrent of the in-memory client; {@code ratio} counts for goals. */
  private record FakeTorrent(
      String hash, String name, List<String> tags, double ratio, String category)
      implements TaggedTorrent {

    @Override
    public boolean reached(SeedingGoals goals) {
      return goals.met(ratio, Duration.ZERO);
    }

    @Override
    public DownloadStatus status(String client, String workflowId) {
      return new DownloadStatus(
          client, hash, workflowId, name, DownloadState.COMPLETED, 1, 0, null, null, "seeding");
    }
  }

  /** Holds torrents in memory and records every call, marking those made exclusively. */
  private static final class FakeClient implements TorrentClientAdapter {
    private final SeedingGoals goals;
    private String category;
    private final Map<String, FakeTorrent> torrents = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean exclusive;

    FakeClient(SeedingGoals goals) {
      this.goals = goals;
    }

    void hold(String hash, double ratio, String... tags) {
      holdIn(null, hash, ratio, tags);
    }

    void holdIn(String category, String hash, double ratio, String... tags) {
      torrents.put(hash, new FakeTorrent(hash, "Sample.Movie", List.of(tags), ratio, category));
    }

    FakeClient inCategory(String category) {
      this.category = category;
      return this;
    }

    @Override
    public String category() {
      return category;
    }

    private void call(String call) {
      calls.add(exclusive ? call + " (exclusive)" : call);
    }

    @Override
    public SeedingGoals seeding() {
      return goals;
    }

    @Override
    public Added add(TorrentSource source, String tag) {
      call("add " + source.infoHash() + " " + tag);
      return new Added(source.infoHash(), null, null);
    }

    @Override
    public void tag(String hash, List<String> tags) {
      call("tag " + tags);
      FakeTorrent torrent = torrents.get(hash);
      List<String> all = new ArrayList<>(torrent.tags());
      tags.stream().filter(t -> !all.contains(t)).forEach(all::add);
      torrents.put(
          hash, new FakeTorrent(hash, torrent.name(), all, torrent.ratio(), torrent.category()));
    }

    @Override
    public Optional<FakeTorrent> find(String hash) {
      call("find " + hash);
      return Optional.ofNullable(torrents.get(hash));
    }

    @Override
    public Optional<FakeTorrent> untag(String hash, String tag) {
      call("untag " + tag);
      FakeTorrent torrent = torrents.get(hash);
      if (torrent == null) {
        return Optional.empty();
      }
      List<String> left = torrent.tags().stream().filter(t -> !t.equals(tag)).toList();
      FakeTorrent untagged =
          new FakeTorrent(hash, torrent.name(), left, torrent.ratio(), torrent.category());
      torrents.put(hash, untagged);
      return Optional.of(untagged);
    }

    @Override
    public void retag(String hash, String added, String removed) {
      call("retag +" + added + " -" + removed);
    }

    @Override
    public void delete(Collection<String> hashes, boolean deleteFiles) {
      call("delete " + hashes + (deleteFiles ? " with files" : ""));
      hashes.forEach(torrents::remove);
    }

    @Override
    public List<FakeTorrent> mayCarry(String tag) {
      call("list " + tag);
      return List.copyOf(torrents.values());
    }

    @Override
    public DownloadChanges poll(String clientName, long cursor, PollPages pages) {
      return pages.poll(
          clientName,
          cursor,
          () -> TaggedTorrent.listing(clientName, List.copyOf(torrents.values())));
    }

    @Override
    public <T> T exclusively(Supplier<T> edit) {
      exclusive = true;
      try {
        return edit.get();
      } finally {
        exclusive = false;
      }
    }
  }

  private static final class FakeActivities extends TorrentDownloadActivities<FakeActivities> {
    FakeActivities(FakeClient client) {
      super(
          "Fake",
          "label",
          Map.of(CLIENT, client),
          fake -> fake,
          new TorrentSources(HttpClients.create(), LinkCredentials.none()));
    }

    FakeActivities pagesOf(int max) {
      return withPageSize(max);
    }
  }

  private final FakeClient client = new FakeClient(SeedingGoals.KEEP);

  private static FakeActivities activities(FakeClient client) {
    return new FakeActivities(client).withCaller(() -> WORKFLOW);
  }

  private static AddDownloadRequest add(String workflowId, String client) {
    String magnet = "magnet:?xt=urn:btih:" + HASH + "&dn=From.The.Magnet";
    return new AddDownloadRequest(workflowId, client, Releases.torrent(magnet, null));
  }

  @Test
  void anAddedTorrentIsTaggedWithTheRequestAndNamedAsTheSourceWhileTheClientKnowsNoName() {
    DownloadHandle handle = activities(client).addDownload(add(WORKFLOW, CLIENT));

    assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, HASH, "From.The.Magnet"));
    assertThat(client.calls)
        .containsExactly(
            "find " + HASH + " (exclusive)", "add " + HASH + " " + WORKFLOW + " (exclusive)");
  }

  @Test
  void aTorrentTheClientHeldWithoutARequestTagIsMarkedAdoptedInTheSameEditAndNeverDeleted() {
    FakeClient removing = new FakeClient(new SeedingGoals(null, null, true));
    removing.hold(HASH, 0, "radarr");

    DownloadHandle handle = activities(removing).addDownload(add(WORKFLOW, CLIENT));
    DownloadHandle again = activities(removing).addDownload(add(WORKFLOW, CLIENT));
    activities(removing).removeDownload(handle, true);
    activities(removing).retireDownload(handle);

    assertThat(again).isEqualTo(handle);
    assertThat(removing.calls)
        .containsExactly(
            "find " + HASH + " (exclusive)",
            "tag [" + ADOPTED + ", " + WORKFLOW + "] (exclusive)",
            "find " + HASH + " (exclusive)",
            "untag " + WORKFLOW + " (exclusive)",
            "untag " + WORKFLOW + " (exclusive)");
    assertThat(removing.torrents.get(HASH).tags()).containsExactly("radarr", ADOPTED);
  }

  @Test
  void aTorrentAnotherRequestAddedIsSharedUnmarkedAndAnAdoptedOneStaysMarkedOnce() {
    String seeding = "a".repeat(40);
    String adopted = "b".repeat(40);
    client.hold(HASH, 0, OTHER_WORKFLOW);
    client.hold(seeding, 0, IMPORTED);
    client.hold(adopted, 0, ADOPTED, OTHER_WORKFLOW);

    for (String hash : List.of(HASH, seeding, adopted)) {
      String magnet = "magnet:?xt=urn:btih:" + hash;
      activities(client)
          .addDownload(new AddDownloadRequest(WORKFLOW, CLIENT, Releases.torrent(magnet, null)));
    }

    assertThat(client.torrents.get(HASH).tags()).containsExactly(OTHER_WORKFLOW, WORKFLOW);
    assertThat(client.torrents.get(seeding).tags()).containsExactly(IMPORTED, WORKFLOW);
    assertThat(client.torrents.get(adopted).tags())
        .containsExactly(ADOPTED, OTHER_WORKFLOW, WORKFLOW);
  }

  @Test
  void aTorrentOutsideTheConfiguredCategoryOrMarkedAdoptedIsNeverDeletedNorMarkedImported() {
    FakeClient seeding = new FakeClient(new SeedingGoals(1.0, null, true)).inCategory("temporarr");
    // Shared before this rule existed: a request tag, but Radarr's category.
    seeding.holdIn("radarr", HASH, 2.0, "radarr", WORKFLOW);
    seeding.holdIn("radarr", "a", 2.0, IMPORTED);
    seeding.holdIn("temporarr", "b", 2.0, IMPORTED, ADOPTED);
    seeding.holdIn("temporarr", "c", 2.0, IMPORTED);

    activities(seeding).retireDownload(HANDLE);
    activities(seeding).removeDownload(HANDLE, true);
    List<String> removed = activities(seeding).removeSeeded(CLIENT);

    assertThat(removed).containsExactly("c");
    assertThat(seeding.calls)
        .containsExactly(
            "find " + HASH,
            "untag " + WORKFLOW + " (exclusive)",
            "untag " + WORKFLOW + " (exclusive)",
            "list " + IMPORTED,
            "delete [c] with files");
    assertThat(seeding.torrents.get(HASH).tags()).containsExactly("radarr");
  }

  @Test
  void anAddWithoutARequestOrForAnUnknownClientFailsBeforeAnyCall() {
    ApplicationFailure noRequest =
        FailureAssertions.assertFailure(
            () -> activities(client).addDownload(add(" ", CLIENT)), ErrorTypes.BAD_REQUEST, false);
    assertThat(noRequest.getOriginalMessage()).contains("to label the download with");
    assertFailure(
        () -> activities(client).addDownload(add(WORKFLOW, "other")),
        ErrorTypes.CONFIGURATION,
        false);
    assertFailure(
        () -> activities(client).pollDownloads("other", 0), ErrorTypes.CONFIGURATION, false);
    assertThat(client.calls).isEmpty();
  }

  @Test
  void theStatusOfASharedTorrentNamesTheCallerWhenItTagsItElseTheFirstRequest() {
    client.hold(HASH, 0, "tv", OTHER_WORKFLOW, WORKFLOW);

    DownloadStatus mine = activities(client).downloadStatus(HANDLE);
    DownloadStatus notMine =
        activities(client).withCaller(() -> "media-request:seerr:99").downloadStatus(HANDLE);
    DownloadStatus missing = activities(client).downloadStatus(new DownloadHandle(CLIENT, "", "x"));

    assertThat(mine.workflowId()).isEqualTo(WORKFLOW);
    assertThat(notMine.workflowId()).isEqualTo(OTHER_WORKFLOW);
    assertThat(missing.state()).isEqualTo(DownloadState.MISSING);
    assertThat(missing.message()).isEqualTo("not listed by Fake");
    assertThat(client.calls).containsExactly("find " + HASH, "find " + HASH);
  }

  @Test
  void removingTheLastRequestsTagDeletesTheTorrentDecidedWithoutAnotherEditInBetween() {
    client.hold(HASH, 0, "tv", WORKFLOW);

    activities(client).removeDownload(HANDLE, false);

    assertThat(client.calls)
        .containsExactly("untag " + WORKFLOW + " (exclusive)", "delete [" + HASH + "] (exclusive)");
  }

  @Test
  void removingOneRequestsTagKeepsTheTorrentAnotherRequestTags() {
    client.hold(HASH, 0, OTHER_WORKFLOW, WORKFLOW);

    activities(client).removeDownload(HANDLE, true);

    assertThat(client.calls).containsExactly("untag " + WORKFLOW + " (exclusive)");
    assertThat(client.torrents.get(HASH).tags()).containsExactly(OTHER_WORKFLOW);
  }

  @Test
  void removingAnUnknownOrBlankHashDeletesNothing() {
    activities(client).removeDownload(HANDLE, true);
    activities(client).removeDownload(new DownloadHandle(CLIENT, null, "x"), true);

    assertThat(client.calls).containsExactly("untag " + WORKFLOW + " (exclusive)");
  }

  @Test
  void removingOutsideAnActivityNeedsANamedCaller() {
    client.hold(HASH, 0, WORKFLOW);
    FakeActivities activities = activities(client).withCaller(CallingWorkflow.ACTIVITY);

    assertThatThrownBy(() -> activities.removeDownload(HANDLE, true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(client.calls).isEmpty();
  }

  @Test
  void aTorrentSeedingTowardsAGoalAfterAnImportIsLeftToItsGoalWhenTheLastRequestLeaves() {
    FakeClient seeding = new FakeClient(new SeedingGoals(1.0, null, true));
    seeding.hold(HASH, 0, IMPORTED, WORKFLOW);

    activities(seeding).removeDownload(HANDLE, true);

    assertThat(seeding.calls).containsExactly("untag " + WORKFLOW + " (exclusive)");
  }

  @Test
  void retiringMarksTheTorrentBeforeTakingTheCallersTagOffWhenAGoalIsSet() {
    FakeClient seeding = new FakeClient(new SeedingGoals(null, Duration.ofHours(1), true));
    seeding.hold(HASH, 0, WORKFLOW);

    activities(seeding).retireDownload(HANDLE);
    activities(seeding).retireDownload(new DownloadHandle(CLIENT, " ", "x"));

    assertThat(seeding.calls)
        .containsExactly("find " + HASH, "retag +" + IMPORTED + " -" + WORKFLOW);
  }

  @Test
  void retiringWithoutAGoalRemovesTheShareWithItsFilesOrKeepsEverything() {
    FakeClient removing = new FakeClient(new SeedingGoals(null, null, true));
    removing.hold(HASH, 0, WORKFLOW);

    activities(removing).retireDownload(HANDLE);
    activities(client).retireDownload(HANDLE);

    assertThat(removing.calls)
        .containsExactly(
            "untag " + WORKFLOW + " (exclusive)", "delete [" + HASH + "] with files (exclusive)");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void removesWithTheirFilesOnlyMarkedTorrentsNoRequestWantsThatReachedAGoal() {
    FakeClient seeding = new FakeClient(new SeedingGoals(1.0, null, true));
    seeding.hold("a", 1.5, IMPORTED);
    seeding.hold("b", 1.5, IMPORTED, OTHER_WORKFLOW);
    seeding.hold("c", 0.5, IMPORTED);
    seeding.hold("d", 1.5, "tv");

    List<String> removed = activities(seeding).removeSeeded(CLIENT);

    assertThat(removed).containsExactly("a");
    assertThat(seeding.calls).containsExactly("list " + IMPORTED, "delete [a] with files");
    assertThat(activities(client).removeSeeded(CLIENT)).isEmpty();
    assertThat(client.calls).isEmpty();
  }

  @Test
  void pollsReportOneSnapshotPerRequestTagInPagesOfTheConfiguredSize() {
    client.hold(HASH, 0, OTHER_WORKFLOW, "tv", WORKFLOW);
    client.hold("b", 0, "tv");
    FakeActivities activities = activities(client).pagesOf(1);

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(List.of(first.changed().get(0).workflowId(), second.changed().get(0).workflowId()))
        .containsExactlyInAnyOrder(OTHER_WORKFLOW, WORKFLOW);
    assertThat(third.changed()).isEmpty();
  }
}
