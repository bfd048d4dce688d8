package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code sync/maindata} answer as sent: torrent objects hold only the fields that changed since
 * the {@code rid} asked for, unless {@code fullUpdate}.
 *
 * @param rid the position to ask from next time
 * @param fullUpdate true when {@code torrents} is the complete list (rid 0, or the server lost
 *     track of the session)
 * @param torrents hash → changed fields (no {@code hash} field inside)
 * @param torrentsRemoved hashes removed since the {@code rid} asked for
 */
public record MainData(
    long rid, boolean fullUpdate, Map<String, ObjectNode> torrents, List<String> torrentsRemoved) {

  public MainData {
    // Keeps the order qBittorrent sent, so reports list torrents in a stable order.
    torrents =
        torrents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(torrents));
    torrentsRemoved = torrentsRemoved == null ? List.of() : List.copyOf(torrentsRemoved);
  }
}
