package io.temporarr.workflows.library;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Port: the media server (Jellyfin) and the request source (Seerr). */
@ActivityInterface
public interface LibraryActivities {

  /**
   * Asks the media server to pick up new files: targeted by path, full refresh as fallback. Does
   * nothing when no media server is configured. Idempotent: a rescan of the same path is harmless.
   */
  @ActivityMethod
  void refreshLibrary(LibraryRefresh refresh);

  /**
   * Marks the media available in the request source. Does nothing for sources without an API or
   * when not configured. Idempotent: marking available twice leaves it available.
   */
  @ActivityMethod
  void markAvailable(SourceUpdate update);
}
