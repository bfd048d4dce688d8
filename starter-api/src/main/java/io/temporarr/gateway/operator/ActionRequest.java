package io.temporarr.gateway.operator;

import jakarta.validation.constraints.Size;

/**
 * Optional body of an operator action.
 *
 * @param reason free text for the request's audit log
 */
public record ActionRequest(@Size(max = 500) String reason) {}
