package io.temporarr.gateway.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporarr.gateway.inbox.DeliveryFailure;
import java.util.EnumSet;
import java.util.Set;

/** What a Temporal client failure means for a delivery: wait for Temporal, give up, or retry. */
final class TemporalFailures {

  /** The frontend did not answer or shed the call: the same call can succeed later. */
  private static final Set<Status.Code> UNREACHABLE =
      EnumSet.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  /** The frontend answered "no" to this call: repeating it gets the same answer. */
  private static final Set<Status.Code> REJECTED =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNIMPLEMENTED);

  private TemporalFailures() {}

  /** True for UNAVAILABLE (connection refused, server gone), DEADLINE_EXCEEDED and shed load. */
  static boolean isUnreachable(Throwable failure) {
    Status status = status(failure);
    return status != null && UNREACHABLE.contains(status.getCode());
  }

  static DeliveryFailure classify(RuntimeException failure) {
    Status status = status(failure);
    String reason = describe(failure);
    if (status != null && UNREACHABLE.contains(status.getCode())) {
      return DeliveryFailure.unreachable(reason, failure);
    }
    if (status != null && REJECTED.contains(status.getCode())) {
      return DeliveryFailure.rejected(reason, failure);
    }
    if (failure instanceof IllegalArgumentException) {
      // Our own checks (workflow ID, stored JSON): their messages name fields, not values.
      return DeliveryFailure.rejected(failure.getMessage(), failure);
    }
    return DeliveryFailure.failed(reason, failure);
  }

  /** The gRPC status (code and server description) or the exception type; never a payload. */
  static String describe(Throwable failure) {
    Status status = status(failure);
    if (status == null) {
      return failure.getClass().getSimpleName();
    }
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode() + ": " + status.getDescription();
  }

  private static Status status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc.getStatus();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
