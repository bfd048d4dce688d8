package io.temporarr.workflows.policy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporarr.workflows.common.MediaType;

/** Port: the worker's configuration, read by workflows as a local activity. */
@ActivityInterface
public interface PolicyActivities {

  /** The current policy for a request of this media type. Idempotent: reads configuration. */
  @ActivityMethod
  RequestPolicy requestPolicy(MediaType mediaType);
}
