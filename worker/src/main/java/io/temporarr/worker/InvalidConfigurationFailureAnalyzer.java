package io.temporarr.worker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an {@link InvalidConfigurationException} as Spring Boot's "APPLICATION FAILED" report. */
public class InvalidConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
    return new FailureAnalysis(
        "Invalid Temporarr configuration: " + cause.getMessage(), cause.action(), cause);
  }
}
