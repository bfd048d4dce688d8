package io.temporarr.workflows.request.internal;

import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.Transition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The request state machine: the current {@link RequestState} and {@link RequestStage}, the guarded
 * transitions between them and the audit log of every change.
 *
 * <pre>
 * Active:   Search → Download → Process → Notify → Completed
 *           Download → Download (next release) / Search (none left)
 *           Process  → Download / Search (release fault)
 *           Search   → Notify (TV parent only: its seasons finished)
 * Active ⇄ NeedsAttention (same stage; back to the same stage or one it may move to)
 * Active / NeedsAttention → Failed, Cancelled (same stage)
 * </pre>
 *
 * An illegal transition throws {@link IllegalStateException}: the caller has a bug, and nothing
 * changes silently. Audit entries without a change ({@link #audit}) record operator actions and
 * side effects. The clock is injected so the class is workflow-safe (workflow time) and testable.
 */
final class RequestLifecycle {

  /**
   * Audit entries kept in one run; older ones are dropped (a run is bounded by continue-as-new).
   */
  static final int MAX_ENTRIES = 500;

  private static final Map<RequestStage, Set<RequestStage>> ACTIVE_MOVES =
      new EnumMap<>(RequestStage.class);

  static {
    ACTIVE_MOVES.put(RequestStage.SEARCH, EnumSet.of(RequestStage.DOWNLOAD));
    ACTIVE_MOVES.put(
        RequestStage.DOWNLOAD,
        EnumSet.of(RequestStage.DOWNLOAD, RequestStage.SEARCH, RequestStage.PROCESS));
    ACTIVE_MOVES.put(
        RequestStage.PROCESS,
        EnumSet.of(RequestStage.DOWNLOAD, RequestStage.SEARCH, RequestStage.NOTIFY));
    ACTIVE_MOVES.put(RequestStage.NOTIFY, EnumSet.noneOf(RequestStage.class));
  }

  private final boolean fanOut;
  private final Supplier<Instant> clock;
  private final Consumer<Transition> onChange;
  private final Deque<Transition> log = new ArrayDeque<>();
  private RequestState state;
  private RequestStage stage;

  private RequestLifecycle(
      RequestState state,
      RequestStage stage,
      List<Transition> history,
      boolean fanOut,
      Supplier<Instant> clock,
      Consumer<Transition> onChange) {
    this.state = state;
    this.stage = stage;
    this.fanOut = fanOut;
    this.clock = clock;
    this.onChange = onChange;
    history.forEach(this::append);
  }

  /**
   * A new request: Active in Search, nothing recorded yet (see {@link #begin}).
   *
   * @param fanOut true for a TV parent, which only waits for its season children and notifies
   * @param onChange called after every state or stage change (not for audit-only entries)
   */
  static RequestLifecycle fresh(
      boolean fanOut, Supplier<Instant> clock, Consumer<Transition> onChange) {
    return new RequestLifecycle(
        RequestState.ACTIVE, RequestStage.SEARCH, List.of(), fanOut, clock, onChange);
  }

  /** A continued run: resumes where the previous run stopped, keeping its (bounded) audit log. */
  static RequestLifecycle resume(
      RequestState state,
      RequestStage stage,
      List<Transition> history,
      boolean fanOut,
      Supplier<Instant> clock,
      Consumer<Transition> onChange) {
    if (state == null || stage == null || state.isFinal()) {
      throw new IllegalStateException("cannot resume a request in " + state + "/" + stage);
    }
    return new RequestLifecycle(state, stage, history, fanOut, clock, onChange);
  }

  /**
   * A fresh request without a carry-over, else the continued one where the previous run stopped
   * (Active in Search when the carry-over does not say).
   */
  static RequestLifecycle of(
      CarryOver carry, boolean fanOut, Supplier<Instant> clock, Consumer<Transition> onChange) {
    if (carry == null) {
      return fresh(fanOut, clock, onChange);
    }
    return resume(
        carry.state() == null ? RequestState.ACTIVE : carry.state(),
        carry.stage() == null ? RequestStage.SEARCH : carry.stage(),
        carry.transitions(),
        fanOut,
        clock,
        onChange);
  }

  /**
   * Records the start of a fresh request (from nothing to Active/Search) and tells the listener.
   *
   * @throws IllegalStateException when anything was recorded before
   */
  Transition begin(String detail) {
    if (!log.isEmpty()) {
      throw new IllegalStateException("request already started");
    }
    Transition first =
        new Transition(
            clock.get().toString(), null, null, state, stage, Causes.REQUEST_STARTED, detail);
    append(first);
    onChange.accept(first);
    return first;
  }

  RequestState state() {
    return state;
  }

  RequestStage stage() {
    return stage;
  }

  boolean isFinal() {
    return state.isFinal();
  }

  /** True when {@link #transition} to that state and stage would be accepted now. */
  boolean allows(RequestState toState, RequestStage toStage) {
    if (toState == null || toStage == null || state.isFinal()) {
      return false;
    }
    return switch (toState) {
      case ACTIVE ->
          state == RequestState.NEEDS_ATTENTION
              ? toStage == stage || ACTIVE_MOVES.get(stage).contains(toStage)
              : ACTIVE_MOVES.get(stage).contains(toStage)
                  || (fanOut && stage == RequestStage.SEARCH && toStage == RequestStage.NOTIFY);
      case NEEDS_ATTENTION -> state == RequestState.ACTIVE && toStage == stage;
      case COMPLETED ->
          state == RequestState.ACTIVE
              && stage == RequestStage.NOTIFY
              && toStage == RequestStage.NOTIFY;
      case FAILED, CANCELLED -> toStage == stage;
    };
  }

  /**
   * Moves to the given state and stage, records it and tells the listener.
   *
   * @throws IllegalStateException when the move is not allowed from the current state and stage
   */
  Transition transition(RequestState toState, RequestStage toStage, String cause, String detail) {
    if (!allows(toState, toStage)) {
      throw new IllegalStateException(
          "illegal transition "
              + state.keyword()
              + "/"
              + stage.keyword()
              + " -> "
              + (toState == null ? null : toState.keyword())
              + "/"
              + (toStage == null ? null : toStage.keyword())
              + " ("
              + cause
              + ")");
    }
    Transition t =
        new Transition(clock.get().toString(), state, stage, toState, toStage, cause, detail);
    state = toState;
    stage = toStage;
    append(t);
    onChange.accept(t);
    return t;
  }

  /** Records something that happened without changing state or stage. */
  Transition audit(String cause, String detail) {
    Transition t =
        new Transition(clock.get().toString(), state, stage, state, stage, cause, detail);
    append(t);
    return t;
  }

  /** The audit log, oldest first. */
  List<Transition> transitions() {
    return List.copyOf(log);
  }

  /** The most recent {@code max} entries, oldest first (what continue-as-new carries). */
  List<Transition> recent(int max) {
    List<Transition> all = transitions();
    return all.subList(Math.max(0, all.size() - max), all.size());
  }

  private void append(Transition t) {
    log.addLast(t);
    while (log.size() > MAX_ENTRIES) {
      log.removeFirst();
    }
  }
}
