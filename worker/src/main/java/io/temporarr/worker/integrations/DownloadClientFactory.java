package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.workflows.download.DownloadActivities;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;

/**
 * How the entries of one {@link DownloadClientType} become download activities: each entry's
 * settings (checked, so a rejected value names its key), one client per entry, and one activities
 * instance serving all of them.
 *
 * @param settings the activities module's settings of one entry, given its name
 * @param client a client over the shared HTTP client and those settings
 * @param activities the activities over every client of this type, by name
 * @param <S> the settings type
 * @param <C> the client type
 */
record DownloadClientFactory<S, C>(
    BiFunction<DownloadClientProperties, String, S> settings,
    BiFunction<OkHttpClient, S, C> client,
    Activities<C> activities) {

  /** The activities constructor of one product. */
  @FunctionalInterface
  interface Activities<C> {
    DownloadActivities create(Map<String, C> clients, OkHttpClient http, LinkCredentials links);
  }

  /**
   * @param entries the configured clients of this factory's type, by name
   * @return each entry's name → the one activities instance serving this type
   */
  Map<String, DownloadActivities> build(
      Map<String, DownloadClientProperties> entries, OkHttpClient http, LinkCredentials links) {
    Map<String, C> clients = new LinkedHashMap<>();
    entries.forEach(
        (name, entry) ->
            clients.put(
                name,
                client.apply(
                    http,
                    checked(
                        "temporarr.download-clients." + name, () -> settings.apply(entry, name)))));
    DownloadActivities shared = activities.create(clients, http, links);
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    clients.keySet().forEach(name -> byClient.put(name, shared));
    return byClient;
  }
}
