package io.temporarr.workflows.request;

/**
 * An operator (or webhook) action on a request.
 *
 * @param eventId unique id; an id already applied is ignored (idempotent delivery)
 * @param actor who asked (operator name, "seerr", …) — recorded in the audit log
 * @param reason free text for the audit log
 */
public record OperatorAction(String eventId, String actor, String reason) {}
