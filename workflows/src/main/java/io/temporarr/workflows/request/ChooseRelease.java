package io.temporarr.workflows.request;

/** Operator picks a specific release (by guid or infohash) from the last search. */
public record ChooseRelease(String eventId, String actor, String releaseKey) {}
