package io.temporarr.activities.release;

import io.temporarr.workflows.search.Rejection;
import java.util.List;

/**
 * Told about the releases each search rejected, e.g. to count them by reason (the worker adapts
 * this to a Micrometer counter; activities stay free of metrics libraries). Called on the
 * activity's thread once per search attempt; a listener that throws does not fail the search.
 */
@FunctionalInterface
public interface RejectionListener {

  /** Ignores everything. */
  RejectionListener NONE = rejections -> {};

  void rejected(List<Rejection> rejections);
}
