package io.temporarr.worker.retry;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Checks what single-field constraints cannot see: the effective settings of each activity type
 * (its own values over the defaults) must make a valid Temporal activity.
 */
@Documented
@Constraint(validatedBy = ActivityPoliciesValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentActivityPolicies {
  String message() default "inconsistent activity policies";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
