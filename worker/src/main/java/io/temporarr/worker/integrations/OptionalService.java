package io.temporarr.worker.integrations;

/**
 * A service the worker only talks to when its URL is set (Jellyfin, Seerr, Plex).
 *
 * @param <S> the activities module's settings of its client
 */
interface OptionalService<S> {

  /** Whether the service is on (its URL is set). */
  boolean configured();

  /**
   * @return the client's settings; only called when {@link #configured()}
   * @throws IllegalArgumentException when the activities module rejects a value
   */
  S toSettings();
}
