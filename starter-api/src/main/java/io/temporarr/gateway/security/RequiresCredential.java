package io.temporarr.gateway.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose handlers only run for callers presenting {@link #value()}. Checked per
 * resolved handler (not per URL prefix), so no path spelling can reach a handler around it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresCredential {
  Credential value();
}
