package io.temporarr.activities.transmission;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.torrent.TaggedTorrent;
import io.temporarr.activities.torrent.TorrentClientAdapter;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.DownloadChanges;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One Transmission instance behind the shared torrent rules. Transmission has no "add a label" or
 * "remove a label", only "set the labels": each edit reads the labels and writes them back changed,
 * and the edits of one client are made one at a time (locked on the {@link TransmissionClient}).
 * Polls are full listings ({@code torrent-get} of every torrent), paged by {@link PollPages#poll}.
 */
final class TransmissionAdapter implements TorrentClientAdapter {

  private final TransmissionClient client;

  TransmissionAdapter(TransmissionClient client) {
    this.client = client;
  }

  /** Runs under the lock of {@link #exclusively}, so no other edit of this client comes between. */
  @Override
  public Added add(TorrentSource source, String tag) {
    client.requireLabels();
    TransmissionClient.Added added = client.add(source);
    if (added.duplicate()) {
      TransmissionTorrent held =
          find(added.hash())
              .orElseThrow(
                  () ->
                      ApplicationFailure.newFailure(
                          "Transmission "
                              + client.settings().name()
                              + " answered torrent "
                              + added.hash()
                              + " as a duplicate but no longer lists it",
                          ErrorTypes.DOWNLOAD_REJECTED));
      return new Added(added.hash(), added.name(), held);
    }
    // A new torrent has no labels yet (torrent-add takes labels only from RPC 17 on).
    editLabels(added.hash(), List.of(tag), List.of());
    return new Added(added.hash(), added.name(), null);
  }

  @Override
  public void tag(String hash, List<String> tags) {
    editLabels(hash, tags, List.of());
  }

  @Override
  public Optional<TransmissionTorrent> untag(String hash, String tag) {
    return editLabels(hash, List.of(), List.of(tag));
  }

  @Override
  public void retag(String hash, String added, String removed) {
    editLabels(hash, List.of(added), List.of(removed));
  }

  @Override
  public <T> T exclusively(Supplier<T> edit) {
    synchronized (client) {
      return edit.get();
    }
  }

  /**
   * Sets the torrent's labels to those it has plus {@code added} minus {@code removed}, without a
   * write when nothing changes. Returns the torrent with the labels it now has, empty when the
   * torrent is unknown.
   */
  private Optional<TransmissionTorrent> editLabels(
      String hash, List<String> added, List<String> removed) {
    synchronized (client) {
      Optional<TransmissionTorrent> torrent = find(hash);
      if (torrent.isEmpty()) {
        return Optional.empty();
      }
      Set<String> labels = new LinkedHashSet<>(torrent.get().labels());
      labels.addAll(added);
      labels.removeAll(removed);
      List<String> edited = List.copyOf(labels);
      if (!edited.equals(torrent.get().labels())) {
        client.setLabels(List.of(hash), edited);
      }
      return Optional.of(torrent.get().withLabels(edited));
    }
  }

  @Override
  public Optional<TransmissionTorrent> find(String hash) {
    return client.get(List.of(hash)).stream().filter(t -> t.hash().equals(hash)).findFirst();
  }

  /** Every torrent: {@code torrent-get} cannot filter by label. */
  @Override
  public List<TransmissionTorrent> mayCarry(String tag) {
    return client.all();
  }

  @Override
  public DownloadChanges poll(String clientName, long cursor, PollPages pages) {
    return pages.poll(clientName, cursor, () -> TaggedTorrent.listing(clientName, client.all()));
  }

  @Override
  public void delete(Collection<String> hashes, boolean deleteFiles) {
    client.remove(hashes, deleteFiles);
  }

  @Override
  public SeedingGoals seeding() {
    return client.settings().seeding();
  }
}
