package io.temporarr.workflows.request;

/** Summary of one season child, for a TV parent's status. */
public record SeasonStatus(int season, String workflowId, RequestState state) {}
