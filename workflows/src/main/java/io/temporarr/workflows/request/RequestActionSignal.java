package io.temporarr.workflows.request;

/** Payload of the {@code requestAction} signal, used for batch operations (signal by query). */
public record RequestActionSignal(ActionKind kind, OperatorAction action) {}
