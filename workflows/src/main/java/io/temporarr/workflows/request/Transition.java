package io.temporarr.workflows.request;

/**
 * One entry of the audit log: every state or stage change, with workflow time and cause.
 *
 * @param at ISO-8601 instant (workflow time)
 * @param cause short machine-friendly cause, e.g. "release-found", "stalled", "operator-retry"
 */
public record Transition(
    String at,
    RequestState fromState,
    RequestStage fromStage,
    RequestState toState,
    RequestStage toStage,
    String cause,
    String detail) {}
