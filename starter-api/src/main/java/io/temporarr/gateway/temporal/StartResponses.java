package io.temporarr.gateway.temporal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Reads the {@code started} flag of the server's {@code StartWorkflowExecution} answer, which the
 * SDK's {@code WorkflowStub.start} does not expose: true when this very call created the run, false
 * when the conflict policy {@code USE_EXISTING} returned a run that was already open. With it a
 * fresh start answers "not there before" without a second round trip ({@code
 * DescribeWorkflowExecution}) — half the gateway's Temporal calls per approval.
 *
 * <p>A gRPC client interceptor sees the answer; the caller learns it through a holder it puts in
 * the gRPC {@link Context} of its own call ({@link #call}), so concurrent starts never see each
 * other's flag. A server that predates the field leaves it false, which reads as "maybe existed":
 * callers then ask the slower way, so the flag can only save work, never give a wrong answer.
 */
public final class StartResponses implements ClientInterceptor {

  private static final Context.Key<AtomicBoolean> CREATED = Context.key("temporarr-start-created");

  /**
   * Runs a start under a fresh holder and returns whether the server said the start created the run
   * ({@code false} also when no answer was seen: no interceptor, or the call failed).
   */
  static <T> Started<T> call(Supplier<T> start) {
    AtomicBoolean created = new AtomicBoolean();
    Context withHolder = Context.current().withValue(CREATED, created);
    Context previous = withHolder.attach();
    try {
      T result = start.get();
      return new Started<>(result, created.get());
    } finally {
      withHolder.detach(previous);
    }
  }

  /** A start's result and whether the server reported creating the run. */
  record Started<T>(T result, boolean created) {}

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(
      MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    AtomicBoolean created = CREATED.get();
    if (created == null
        || !method
            .getFullMethodName()
            .equals(WorkflowServiceGrpc.getStartWorkflowExecutionMethod().getFullMethodName())) {
      return next.newCall(method, options);
    }
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onMessage(A message) {
                if (message instanceof StartWorkflowExecutionResponse response) {
                  // The SDK may retry a start: the last answer (an existing run then) decides.
                  created.set(response.getStarted());
                }
                super.onMessage(message);
              }
            },
            headers);
      }
    };
  }
}
