package io.temporarr.gateway.operator;

import io.temporarr.gateway.problem.InputLimits;
import jakarta.validation.constraints.Size;

/**
 * Optional body of an operator action.
 *
 * @param reason free text for the request's audit log
 */
public record ActionRequest(@Size(max = InputLimits.REASON) String reason) {}
