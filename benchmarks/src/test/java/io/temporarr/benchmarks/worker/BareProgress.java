package io.temporarr.benchmarks.worker;

/** What the bare monitor signals to a bare request: its download's state. */
public record BareProgress(String workflowId, boolean complete) {}
