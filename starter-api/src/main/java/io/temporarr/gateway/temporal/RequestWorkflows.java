package io.temporarr.gateway.temporal;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.gateway.security.BurstAdmission;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestSearchAttributes;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * The gateway's only door to Temporal: starts, signals, queries, updates and lists {@link
 * MediaRequestWorkflow}s. Temporal client exceptions pass through unchanged (the problem handler
 * maps them), except where noted.
 *
 * <p><b>Start semantics.</b> The workflow ID is the natural key {@code
 * media-request:<source>:<sourceRequestId>}, and:
 *
 * <ul>
 *   <li>conflict policy {@code USE_EXISTING}: while a run is open, every further start (a repeated
 *       or concurrent delivery of the same request) returns that run instead of failing or starting
 *       a second one, so all deliveries converge on one execution;
 *   <li>reuse policy {@code ALLOW_DUPLICATE_FAILED_ONLY}: once a run has <em>completed</em> (the
 *       workflow returned a result, whatever its request state), a later approval of the same
 *       source request starts nothing — a late or replayed webhook never downloads a finished
 *       request again. Only a run that ended abnormally in Temporal (failed, timed out, terminated
 *       by an operator) can be restarted by a new approval. To fetch a completed title again,
 *       request it again in the source, which gives a new request ID.
 * </ul>
 *
 * <p><b>Time bounds.</b> Every call runs under the {@code call-timeout} deadline, and an update's
 * result is awaited for at most {@code update-wait}, so an HTTP answer never waits on a missing
 * worker or an unreachable frontend for longer than that.
 *
 * <p><b>Durable acceptance.</b> Webhook deliveries ({@link #start}, {@link #downloadFinished},
 * {@link #cancel}) go to Temporal when it answers, and into the durable {@link InboxStore} when it
 * is unreachable — or when the inbox is not empty, so that nothing overtakes a delivery that waits
 * there, or when the rate limit admitted the delivery only into the inbox ({@link BurstAdmission}:
 * a sender that never retries, past its budget). {@link InboxDeliveries} later makes the same calls
 * from the inbox. Deliveries for one workflow ID are decided one at a time, so their order is the
 * order they were acknowledged in. Without an inbox bean (web slice tests) unreachability
 * propagates as before.
 */
@Component
public class RequestWorkflows {
  private static final Logger log = LoggerFactory.getLogger(RequestWorkflows.class);

  /** The registered workflow type name, derived the way the SDK derives it. */
  public static final String WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(MediaRequestWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  static final String MEMO_TITLE = "title";
  static final String MEMO_YEAR = "year";
  static final String MEMO_REQUESTED_BY = "requestedBy";
  static final String MEMO_CORRELATION_ID = "correlationId";

  /** Stripes of the per-workflow-ID order of "deliver now or queue" decisions. */
  private static final int ORDER_STRIPES = 64;

  private final WorkflowClient client;
  private final Duration callTimeout;
  private final Duration updateWait;
  private final InboxStore inbox;
  private final ReentrantLock[] order = new ReentrantLock[ORDER_STRIPES];

  /** Fires the deadlines of bounded calls; one daemon thread for the whole gateway. */
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  public RequestWorkflows(
      WorkflowClient client, GatewayProperties properties, ObjectProvider<InboxStore> inbox) {
    this.client = client;
    this.callTimeout = properties.callTimeout();
    this.updateWait = properties.updateWait();
    this.inbox = inbox.getIfAvailable();
    for (int i = 0; i < ORDER_STRIPES; i++) {
      order[i] = new ReentrantLock();
    }
  }

  @PreDestroy
  void stop() {
    deadlines.shutdownNow();
  }

  /**
   * Starts the request (or finds the run that already holds it), or queues the start in the inbox.
   *
   * @return the run; {@link StartOutcome#completedBefore()} when the request already completed;
   *     {@link StartOutcome#queued()} when the start waits in the durable inbox
   * @throws IllegalArgumentException when source or sourceRequestId cannot form a workflow ID
   */
  public StartOutcome start(MediaRequestInput input) {
    String workflowId = WorkflowIds.mediaRequest(input.source(), input.sourceRequestId());
    return deliverOrQueue(
        workflowId,
        TemporalFailures::isUnreachable,
        () -> startRun(input, true),
        () -> {
          String eventId =
              input.eventId() != null
                  ? input.eventId()
                  // Starts are idempotent per workflow ID, so one queued start per ID is enough.
                  : InboxKind.START.code() + ":" + workflowId;
          queue(InboxKind.START, workflowId, eventId, input);
          return StartOutcome.queued(workflowId);
        });
  }

  /** The start itself, for the direct path and the inbox alike (same options). */
  StartOutcome startRun(MediaRequestInput input, boolean askWhetherNew) {
    String workflowId = WorkflowIds.mediaRequest(input.source(), input.sourceRequestId());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
            // Set at start (not only upserted by the workflow) so the request is listable by
            // these attributes before its first workflow task runs.
            .setTypedSearchAttributes(RequestSearchAttributes.atStart(input))
            .setMemo(memo(input))
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(WORKFLOW_TYPE, options);
    try {
      StartResponses.Started<String> start =
          StartResponses.call(() -> bounded(() -> stub.start(input)).getRunId());
      Boolean existed = null;
      if (askWhetherNew) {
        // The server's "created" flag answers a fresh start without a second call.
        existed = start.created() ? Boolean.FALSE : alreadyExisted(stub, input.correlationId());
      }
      return StartOutcome.started(workflowId, start.result(), existed);
    } catch (WorkflowExecutionAlreadyStarted completed) {
      // With USE_EXISTING this is only raised when the reuse policy refuses a closed run.
      return StartOutcome.completedBefore(workflowId, completed.getExecution().getRunId());
    }
  }

  /**
   * Whether the run holding the request was started by an earlier delivery. The SDK does not expose
   * the server's "started" flag, so the run's memo tells: it carries the correlation ID of the
   * delivery that created it. Best effort — the start already succeeded, so a failure here must not
   * fail the answer.
   */
  @Nullable
  private Boolean alreadyExisted(WorkflowStub stub, @Nullable String correlationId) {
    if (correlationId == null) {
      return null;
    }
    try {
      Object creator = bounded(stub::describe).getMemo(MEMO_CORRELATION_ID, String.class);
      return !correlationId.equals(creator);
    } catch (RuntimeException e) {
      log.debug("Could not tell whether the request existed: {}", e.getClass().getSimpleName());
      return null;
    }
  }

  /**
   * Sends {@code downloadFinished}, or queues it in the inbox.
   *
   * @throws WorkflowNotFoundException when Temporal answered that no run is open
   */
  public Acceptance downloadFinished(String workflowId, DownloadFinished signal) {
    return deliverOrQueue(
        workflowId,
        TemporalFailures::isUnreachable,
        () -> {
          signalDownloadFinished(workflowId, signal);
          return Acceptance.DELIVERED;
        },
        () -> {
          queue(InboxKind.SIGNAL_DOWNLOAD_FINISHED, workflowId, signal.eventId(), signal);
          return Acceptance.QUEUED;
        });
  }

  void signalDownloadFinished(String workflowId, DownloadFinished signal) {
    MediaRequestWorkflow workflow = client.newWorkflowStub(MediaRequestWorkflow.class, workflowId);
    bounded(
        () -> {
          workflow.downloadFinished(signal);
          return null;
        });
  }

  /**
   * Cancels the request because its source withdrew it (a Seerr decline, a signed {@code
   * media.cancelled}): the {@code cancel} update (its validator can refuse), or — when Temporal is
   * unreachable or no worker took the update in time — a queued {@code requestAction} CANCEL signal
   * with the same event ID, which the workflow applies once.
   *
   * @return {@link Acceptance#DELIVERED} when the workflow finished the update within the update
   *     wait, {@link Acceptance#IN_PROGRESS} when it accepted it and is still applying it (update
   *     ID = the action's event ID), {@link Acceptance#QUEUED} when the cancel waits in the inbox
   * @throws WorkflowNotFoundException when Temporal answered that no run is open
   * @throws io.temporal.client.WorkflowUpdateException when the workflow refused to cancel
   */
  public Acceptance cancel(String workflowId, OperatorAction action) {
    return deliverOrQueue(
        workflowId,
        failure ->
            TemporalFailures.isUnreachable(failure)
                || failure instanceof WorkflowUpdateTimeoutOrCancelledException,
        () ->
            act(workflowId, RequestAction.CANCEL, action).isCompleted()
                ? Acceptance.DELIVERED
                : Acceptance.IN_PROGRESS,
        () -> {
          queue(InboxKind.CANCEL, workflowId, action.eventId(), action);
          return Acceptance.QUEUED;
        });
  }

  /** The queued form of a cancel: a signal, so it needs no worker to be accepted. */
  void signalCancel(String workflowId, OperatorAction action) {
    MediaRequestWorkflow workflow = client.newWorkflowStub(MediaRequestWorkflow.class, workflowId);
    bounded(
        () -> {
          workflow.requestAction(new RequestActionSignal(ActionKind.CANCEL, action));
          return null;
        });
  }

  /**
   * Delivers now, unless deliveries already wait in the inbox or the request was admitted only into
   * the inbox ({@link BurstAdmission}); queues when the direct call fails with a failure {@code
   * queueOn} accepts. Decisions for one workflow ID never interleave, so a later delivery cannot
   * reach Temporal before an earlier one that was queued.
   */
  private <T> T deliverOrQueue(
      String workflowId,
      Predicate<RuntimeException> queueOn,
      Supplier<T> deliverNow,
      Supplier<T> enqueue) {
    if (inbox == null) {
      return deliverNow.get();
    }
    ReentrantLock lock = order[Math.floorMod(workflowId.hashCode(), ORDER_STRIPES)];
    lock.lock();
    try {
      if (BurstAdmission.toInbox() || !inbox.isEmpty()) {
        return enqueue.get();
      }
      try {
        return deliverNow.get();
      } catch (RuntimeException failure) {
        if (!queueOn.test(failure)) {
          throw failure;
        }
        log.warn(
            "Temporal did not take the delivery for {} ({}): keeping it in the inbox",
            workflowId,
            TemporalFailures.describe(failure));
        return enqueue.get();
      }
    } finally {
      lock.unlock();
    }
  }

  private void queue(InboxKind kind, String workflowId, String eventId, Object payload) {
    String id = eventId != null ? eventId : kind.code() + ":" + UUID.randomUUID();
    // The request thread's correlation ID (see CorrelationPropagator), delivered with the entry.
    String correlationId = MDC.get(CorrelationPropagator.MDC_KEY);
    if (!inbox.enqueue(kind, workflowId, id, InboxPayloads.write(payload), correlationId)) {
      log.info("{} for {} is already waiting in the inbox", id, workflowId);
    }
  }

  /**
   * The {@code status} query of the current run (open or closed). Needs a worker to answer: without
   * one it fails after the call timeout.
   */
  public RequestStatus status(String workflowId) {
    MediaRequestWorkflow workflow = client.newWorkflowStub(MediaRequestWorkflow.class, workflowId);
    return bounded(workflow::status);
  }

  /**
   * Runs an operator update. The event ID doubles as the update ID, so a repeated call with the
   * same event is deduplicated by the server as well as by the workflow. Waits (at most the call
   * timeout) until the workflow accepted the update — its validator passed and the update is
   * durable — then at most the update wait for its result.
   *
   * @throws io.temporal.client.WorkflowUpdateException when the validator (or handler) refused it
   * @throws io.temporal.client.WorkflowNotFoundException when no run is open
   * @throws io.temporal.client.WorkflowUpdateTimeoutOrCancelledException when the workflow did not
   *     accept it in time (no worker polling); the server may still deliver it later
   */
  public ActionOutcome act(String workflowId, RequestAction action, OperatorAction payload) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    UpdateOptions<RequestStatus> options =
        UpdateOptions.<RequestStatus>newBuilder()
            .setUpdateName(action.updateName())
            .setUpdateId(payload.eventId())
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .setResultClass(RequestStatus.class)
            .build();
    // Without the bound the SDK re-polls until the update is accepted, i.e. forever when no worker
    // is running.
    WorkflowUpdateHandle<RequestStatus> handle = bounded(() -> stub.startUpdate(options, payload));
    try {
      RequestStatus status =
          handle.getResultAsync(updateWait.toMillis(), TimeUnit.MILLISECONDS).get();
      return new ActionOutcome(workflowId, handle.getId(), status);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        return new ActionOutcome(workflowId, handle.getId(), null);
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ActionOutcome(workflowId, handle.getId(), null);
    }
  }

  /**
   * One page of request workflows, newest first, optionally only those in {@code state}. Uses the
   * visibility API directly because the SDK's stream hides page size and page tokens.
   */
  public RequestPage list(@Nullable RequestState state, int pageSize, @Nullable byte[] pageToken) {
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setQuery(visibilityQuery(state))
            .setPageSize(pageSize);
    if (pageToken != null) {
      request.setNextPageToken(ByteString.copyFrom(pageToken));
    }
    ListWorkflowExecutionsResponse response =
        bounded(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .listWorkflowExecutions(request.build()));
    DataConverter converter = client.getOptions().getDataConverter();
    return new RequestPage(
        response.getExecutionsList().stream()
            .map(info -> summary(new WorkflowExecutionMetadata(info, converter)))
            .toList(),
        response.getNextPageToken().isEmpty() ? null : response.getNextPageToken().toByteArray());
  }

  /**
   * Runs one Temporal call under a gRPC context deadline of the call timeout. The SDK's own retries
   * (UNAVAILABLE, long polls) honour it, so an answer — or a DEADLINE_EXCEEDED the problem handler
   * turns into 503 — always comes within the timeout, instead of after the SDK's minute of retries.
   */
  private <T> T bounded(Callable<T> call) {
    Context.CancellableContext context =
        Context.current()
            .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS, deadlines);
    try {
      return context.call(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  /** The list query; the state comes from the enum, never from caller text. */
  static String visibilityQuery(@Nullable RequestState state) {
    String query = "WorkflowType=\"" + WORKFLOW_TYPE + "\"";
    if (state != null) {
      query += " AND " + SearchAttributes.REQUEST_STATE.getName() + "=\"" + state.keyword() + "\"";
    }
    return query;
  }

  private static RequestSummary summary(WorkflowExecutionMetadata metadata) {
    io.temporal.common.SearchAttributes attributes = metadata.getTypedSearchAttributes();
    return new RequestSummary(
        metadata.getExecution().getWorkflowId(),
        metadata.getExecution().getRunId(),
        metadata.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        metadata.getStartTime(),
        metadata.getCloseTime(),
        attributes.get(SearchAttributes.MEDIA_TYPE),
        attributes.get(SearchAttributes.MEDIA_TITLE),
        attributes.get(SearchAttributes.REQUEST_STATE),
        attributes.get(SearchAttributes.REQUEST_STAGE),
        attributes.get(SearchAttributes.REQUEST_SOURCE),
        attributes.get(SearchAttributes.REQUESTED_BY),
        attributes.get(SearchAttributes.TMDB_ID));
  }

  static Map<String, Object> memo(MediaRequestInput input) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(MEMO_TITLE, input.title());
    if (input.year() != null) {
      memo.put(MEMO_YEAR, input.year());
    }
    if (input.requestedBy() != null) {
      memo.put(MEMO_REQUESTED_BY, input.requestedBy());
    }
    if (input.correlationId() != null) {
      memo.put(MEMO_CORRELATION_ID, input.correlationId());
    }
    return memo;
  }
}
